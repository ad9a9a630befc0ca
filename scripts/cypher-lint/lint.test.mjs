// Run with: node --test (from scripts/cypher-lint).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const lint = (...args) => spawnSync(process.execPath, [join(here, 'lint.mjs'), ...args], { cwd: here, encoding: 'utf8' });

test('the store statements and analyst queries lint clean', () => {
  const r = lint();
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /0 problems/);
});

test('each kind of mistake is reported at file:line:col and fails', () => {
  const r = lint(join(here, 'testdata', 'bad'));
  assert.equal(r.status, 1, r.stdout + r.stderr);
  for (const want of [
    /misspelt\.cypher:3:10: warning: Label Entty is not present/,
    /misspelt\.cypher:3:29: warning: Relationship type PART_OFF is not present/,
    /misspelt\.cypher:4:11: error: Parameter \$undeclared is not defined/,
    /misspelt\.cypher:4:24: error: Variable `y` not defined/,
    /no_header\.cypher:1:1: no "\/\/ params:" header line/,
  ]) {
    assert.match(r.stdout, want);
  }
});
