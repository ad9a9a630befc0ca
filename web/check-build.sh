#!/usr/bin/env bash
# Rebuilds the page into a scratch directory and fails when it differs from
# the committed web/dist/, so the binary never embeds a stale page.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules/esbuild ]; then
  npm ci --no-audit --no-fund
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node build.mjs "$tmp/dist"
if ! diff -r dist "$tmp/dist" >/dev/null; then
  echo "web: dist/ is stale; run 'npm run build' in web/ and commit web/dist/" >&2
  diff -r dist "$tmp/dist" | head -20 >&2 || true
  exit 1
fi
echo "web: dist/ matches a fresh build of src/"
