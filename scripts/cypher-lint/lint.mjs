// lint.mjs runs every Cypher statement collabgraph sends, and every analyst
// query in docs/neo4j.md, through Neo4j's own Cypher front end
// (@neo4j-cypher/language-support's lintCypherQuery: the parser and the
// semantic analysis Neo4j 5 runs) and fails on any diagnostic, error or
// warning.
//
//	node scripts/cypher-lint/lint.mjs [DIR...]   (default graph/neo4jstore/cypher and its analyst/)
//
// Each .cypher file holds one statement under a header of // comments:
//
//	// params: rows: LIST<MAP>, load: STRING     (or "// params: (none)")
//	// substitute: ENTITY_KIND                   (optional)
//
// params declares the statement's parameters and their Cypher types; the
// linter reports any $name not declared. substitute names a placeholder the
// Go code replaces with a value from a closed set; the values are listed in
// substitutions.json beside the statements, and the statement is linted
// once per value. Labels and relationship types are declared from the same
// file, so a misspelt label is a diagnostic too.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package's ESM build does not resolve under Node's loader; its
// CommonJS build does.
const require = createRequire(import.meta.url);
const { lintCypherQuery, testData } = require('@neo4j-cypher/language-support');

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const stmtDir = join(root, 'graph', 'neo4jstore', 'cypher');
const dirs = process.argv.length > 2 ? process.argv.slice(2).map((d) => resolve(d)) : [stmtDir, join(stmtDir, 'analyst')];

const subs = JSON.parse(readFileSync(join(stmtDir, 'substitutions.json'), 'utf8'));
const placeholders = Object.keys(subs).filter((k) => /^[A-Z_]+$/.test(k));

// Neo4j 5's built-in functions and procedures, as the package's schema
// fixture lists them (taken from a Neo4j 5 server's SHOW FUNCTIONS and SHOW
// PROCEDURES). Plugin ones (apoc.*) are left out: the store must run on a
// bare server.
const builtinFunctions = Object.fromEntries(
  Object.entries(testData.mockSchema.functions['CYPHER 5']).filter(([, f]) => f.isBuiltIn),
);
const builtinProcedures = Object.fromEntries(
  Object.entries(testData.mockSchema.procedures['CYPHER 5']).filter(([name]) => name.startsWith('db.') || name.startsWith('dbms.')),
);

const sampleByType = {
  STRING: 'x',
  INTEGER: 1,
  FLOAT: 1.5,
  BOOLEAN: true,
  MAP: {},
  'LIST<STRING>': ['x'],
  'LIST<INTEGER>': [1],
  'LIST<MAP>': [{}],
};

function parseHeader(file, text) {
  const params = {};
  const substitute = [];
  let sawParams = false;
  const problems = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line.startsWith('//')) break;
    const body = line.slice(2).trim();
    let m = body.match(/^params:\s*(.*)$/);
    if (m) {
      sawParams = true;
      if (m[1].trim() === '(none)') continue;
      // Split on commas outside <...>.
      for (const decl of m[1].split(/,(?![^<]*>)/)) {
        const d = decl.trim().match(/^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.+)$/);
        if (!d) {
          problems.push(`${file}:${i + 1}:1: bad parameter declaration ${JSON.stringify(decl.trim())}`);
          continue;
        }
        const type = d[2].trim();
        if (!(type in sampleByType)) {
          problems.push(`${file}:${i + 1}:1: parameter $${d[1]}: unknown type ${type} (known: ${Object.keys(sampleByType).join(', ')})`);
          continue;
        }
        params[d[1]] = sampleByType[type];
      }
      continue;
    }
    m = body.match(/^substitute:\s*(.*)$/);
    if (m) {
      for (const name of m[1].split(',').map((s) => s.trim()).filter(Boolean)) {
        if (!placeholders.includes(name)) {
          problems.push(`${file}:${i + 1}:1: unknown placeholder ${name} (known: ${placeholders.join(', ')})`);
        }
        substitute.push(name);
      }
    }
  }
  if (!sawParams) problems.push(`${file}:1:1: no "// params:" header line`);
  return { params, substitute, problems };
}

function expansions(text, substitute) {
  let out = [{ text, label: '' }];
  for (const name of substitute) {
    const next = [];
    for (const e of out) {
      for (const v of subs[name] || []) {
        next.push({ text: e.text.split(name).join(v), label: `${e.label} ${name}=${v}` });
      }
    }
    out = next;
  }
  return out;
}

const schemaBase = {
  labels: [...subs.ENTITY_KIND, ...subs.labels],
  relationshipTypes: [...subs.RELATION_KIND, ...subs.relationshipTypes],
  functions: { 'CYPHER 5': builtinFunctions },
  procedures: { 'CYPHER 5': builtinProcedures },
  defaultLanguage: 'CYPHER 5',
};

let files = 0;
let statements = 0;
const problems = [];
for (const dir of dirs) {
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.cypher')).sort()) {
    const path = join(dir, name);
    const file = relative(process.cwd(), path);
    const text = readFileSync(path, 'utf8');
    files++;
    const header = parseHeader(file, text);
    problems.push(...header.problems);
    for (const ex of expansions(text, header.substitute)) {
      statements++;
      const diags = lintCypherQuery(ex.text, { ...schemaBase, parameters: header.params });
      for (const d of diags) {
        const sev = d.severity === 1 ? 'error' : 'warning';
        problems.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${sev}: ${d.message}${ex.label ? ` (with${ex.label})` : ''}`);
      }
    }
  }
}

for (const p of problems) console.log(p);
if (files === 0) {
  console.log(`cypher-lint: no .cypher files under ${dirs.join(', ')}`);
  process.exit(1);
}
console.log(`cypher-lint: ${files} files, ${statements} statements linted, ${problems.length} problems`);
process.exit(problems.length > 0 ? 1 : 0);
