#!/usr/bin/env bash
# The whole test suite, on a fresh machine that has Go, Node and npm: what
# the README tells you to run and what CI (.ci/run) runs. It installs what it
# needs (npm packages, Neo4j 5.26's jars through Maven, Debian's chromium,
# and a JDK and Maven from Debian when missing), then checks, in order:
# formatting and vet, generated code and the committed page build are
# current, every Cypher statement passes Neo4j's linter, every Go test (the
# Neo4j store's over Bolt against a real Neo4j 5.26 that the tests start with
# scripts/neo4j/run.sh, or against your Neo4j 5 when NEO4J_URI is set), and
# the page in a real browser.
# Exits non-zero on the first failing step.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }
started=$SECONDS

# Every Neo4j the tests start stops when its test binary ends; this catches
# one whose binary was killed before it could say so, pass or fail.
trap 'pkill -f "$PWD/scripts/neo4j/.cache/classes-" 2>/dev/null || true' EXIT

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

step "Neo4j 5.26 for the Neo4j store's Bolt tests (jars through Maven, once)"
missing=()
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing ${missing[*]} and not root to install it: apt-get install -y ${missing[*]}" >&2; exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
bash scripts/neo4j/run.sh fetch

step "go test (race detector on)"
go test -race -count=1 -json ./... | go run ./scripts/testsummary

step "page in a real browser"
bash scripts/e2e.sh

printf '\nall checks passed in %ds\n' $((SECONDS - started))
