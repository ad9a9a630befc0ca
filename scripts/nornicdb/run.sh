#!/usr/bin/env bash
# run.sh builds and runs NornicDB v1.2.0, a Bolt/Cypher server written in Go,
# so that graph/neo4jstore's contract tests run over a real Bolt connection
# where no Neo4j server can be installed.
#
#   run.sh build                 build the server once; print its path
#   run.sh start DIR BOLT HTTP   start it on 127.0.0.1:BOLT with data in DIR,
#                                user admin, password $NORNICDB_PASSWORD
#                                (default "collabgraph"); wait for the port;
#                                print its pid (also in DIR/pid)
#   run.sh stop DIR              stop the server started in DIR
#
# The binary is cached in scripts/nornicdb/.cache/ (gitignored). `go install
# pkg@version` is refused here, so it is built in a throwaway module that
# requires the exact version, with CGO off and without the web UI.
set -euo pipefail

VERSION=v1.2.0
MODULE=github.com/orneryd/nornicdb
here=$(cd "$(dirname "$0")" && pwd)
bin="${NORNICDB_BIN:-$here/.cache/nornicdb-$VERSION}"

build() {
	if [[ -x "$bin" ]]; then
		echo "$bin"
		return
	fi
	mkdir -p "$here/.cache"
	local tmp
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' RETURN
	cat >"$tmp/go.mod" <<EOF
module nornicdbbuild

go 1.26.4

require $MODULE $VERSION
EOF
	cat >"$tmp/tools.go" <<EOF
//go:build tools

package tools

import _ "$MODULE/cmd/nornicdb"
EOF
	echo "nornicdb: building $MODULE@$VERSION (takes a few minutes)" >&2
	(
		cd "$tmp"
		export GOFLAGS="${GOFLAGS:-} -mod=mod" CGO_ENABLED=0
		go mod download "$MODULE" >&2
		go build -tags noui -o "$bin.tmp" "$MODULE/cmd/nornicdb" >&2
	)
	mv "$bin.tmp" "$bin"
	echo "$bin"
}

start() {
	local dir=$1 bolt=$2 http=$3
	build >/dev/null
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	# NornicDB names its default database "nornic"; Neo4j's is "neo4j", and
	# the tests name the database as they would on Neo4j. Its metrics
	# listener would take port 9090 on every interface; port 0 on loopback
	# lets several servers run side by side.
	(
		cd "$dir"
		NORNICDB_DEFAULT_DATABASE=neo4j NORNICDB_TELEMETRY_LISTEN=127.0.0.1:0 exec "$bin" serve \
			--address 127.0.0.1 --bolt-port "$bolt" --http-port "$http" \
			--data-dir "$dir/data" --admin-password "${NORNICDB_PASSWORD:-collabgraph}" \
			--headless --mcp-enabled=false --embedding-enabled=false \
			>>"$dir/nornicdb.log" 2>&1
	) &
	local pid=$!
	echo "$pid" >"$dir/pid"
	for _ in $(seq 1 300); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$bolt") 2>/dev/null; then
			echo "$pid"
			return
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "nornicdb: exited before listening; log:" >&2
			tail -n 30 "$dir/nornicdb.log" >&2
			exit 1
		fi
		sleep 0.2
	done
	echo "nornicdb: no Bolt port $bolt after 60s; log:" >&2
	tail -n 30 "$dir/nornicdb.log" >&2
	kill "$pid" 2>/dev/null || true
	exit 1
}

stop() {
	local dir=$1
	if [[ -f "$dir/pid" ]]; then
		local pid
		pid=$(cat "$dir/pid")
		kill "$pid" 2>/dev/null || true
		# Wait for it to let go of its data directory and ports.
		for _ in $(seq 1 100); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		rm -f "$dir/pid"
	fi
}

case "${1:-}" in
build) build ;;
start) start "$2" "$3" "$4" ;;
stop) stop "$2" ;;
*)
	echo "usage: $0 build | start DIR BOLT_PORT HTTP_PORT | stop DIR" >&2
	exit 2
	;;
esac
