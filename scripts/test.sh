#!/usr/bin/env bash
# The whole test suite, on a fresh machine that has Go, Node and npm: what
# the README tells you to run and what CI (.ci/run) runs. It installs what it
# needs (npm packages, NornicDB built from the Go module proxy, Debian's
# chromium), then checks, in order: formatting and vet, generated code and
# the committed page build are current, every Cypher statement passes Neo4j's
# linter, every Go test (the Neo4j store's over Bolt against NornicDB, or
# against your Neo4j 5 when NEO4J_URI is set), and the page in a real browser.
# Exits non-zero on the first failing step.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }
started=$SECONDS

step "gofmt and go vet"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
go vet ./...

step "gqlgen: generated code matches schema/ and gqlgen.yml"
before=$(git status --porcelain -- graph/api)
go run github.com/99designs/gqlgen generate
if [ "$(git status --porcelain -- graph/api)" != "$before" ]; then
  echo "graph/api is stale: run 'go run github.com/99designs/gqlgen generate' and commit"
  git status --porcelain -- graph/api
  git diff --stat -- graph/api
  exit 1
fi

step "npm packages for the linters, the gazetteer check and the page"
for dir in scripts/cypher-lint scripts/gazetteer web; do
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
done

step "Cypher: every statement through Neo4j's own front end"
(cd scripts/cypher-lint && node lint.mjs)

step "page: committed web/dist matches a fresh build"
bash web/check-build.sh

step "NornicDB for the Neo4j store's Bolt tests"
NORNICDB_BIN=$(bash scripts/nornicdb/run.sh build)
export NORNICDB_BIN

step "go test (race detector on)"
go test -race -count=1 -json ./... | go run ./scripts/testsummary

step "page in a real browser"
bash scripts/e2e.sh

printf '\nall checks passed in %ds\n' $((SECONDS - started))
