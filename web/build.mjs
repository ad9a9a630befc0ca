// Builds src/ into an output directory (dist/ by default) with esbuild.
// The output depends only on the sources and the pinned package versions: no
// timestamps, no content hashes in names, so check-build.sh can compare a
// fresh build with the committed one byte for byte.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ? resolve(process.argv[2]) : join(here, 'dist');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await esbuild.build({
  absWorkingDir: here,
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  format: 'iife',
  target: ['es2020'],
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  charset: 'utf8',
  outdir: out,
  logLevel: 'warning',
});
await esbuild.build({
  absWorkingDir: here,
  entryPoints: { app: 'src/style.css' },
  bundle: true,
  minify: true,
  charset: 'utf8',
  outdir: out,
  logLevel: 'warning',
});
copyFileSync(join(here, 'src/index.html'), join(out, 'index.html'));
