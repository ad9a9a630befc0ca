#!/usr/bin/env bash
# run.sh runs a real Neo4j Community server (5.26 LTS, Neo4j's embedded API
# with Bolt on, through Launcher.java) on 127.0.0.1, for the test suite and for
# trying collabgraph against Neo4j where none is installed. No Docker.
#
#   run.sh fetch              resolve the jars once with Maven (pom.xml, pinned
#                             versions) into .cache/; print the folder
#   run.sh start [DIR [PORT]] start it with data in DIR (default: a new
#                             temporary folder) on Bolt port PORT (default: a
#                             free one); wait until Bolt answers; print
#                             NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DIR
#   run.sh stop [DIR]         stop the server of DIR (default: the last one
#                             started): SIGTERM, then SIGKILL after 30 s
#
# Auth is on: user neo4j, password $NEO4J_PASSWORD or a random one, kept in
# DIR/password (mode 600) so that a restart of DIR keeps it. NEO4J_HEAP sets
# the JVM's heap (default 1g); NEO4J_VERSION another release (then JAVA_HOME
# must suit it: 2025.x and later need Java 21 or 25). A server whose
# NEO4J_PARENT_PID process has gone stops itself, so a test binary that dies
# leaves nothing running.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
version=${NEO4J_VERSION:-5.26.30}
cache="$here/.cache"
lib="$cache/lib-$version"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac

fetch() {
	if [[ -f "$lib/.complete" ]]; then
		echo "$lib"
		return
	fi
	echo "neo4j: resolving org.neo4j:neo4j:$version with Maven (once; about 120 MB)" >&2
	rm -rf "$lib.tmp"
	mvn -q -B -f "$here/pom.xml" -Dneo4j.version="$version" \
		dependency:copy-dependencies -DoutputDirectory="$lib.tmp" >&2
	rm -rf "$lib"
	mv "$lib.tmp" "$lib"
	touch "$lib/.complete"
	echo "$lib"
}

# classes compiles the launcher once per Java and launcher version, so that
# a start does not pay for javac.
classes() {
	local out="$cache/classes-$version-$(sha256sum "$here/Launcher.java" | cut -c1-12)"
	if [[ ! -f "$out/Launcher.class" ]]; then
		mkdir -p "$out.tmp"
		"$javac" -nowarn -cp "$lib/*" -d "$out.tmp" "$here/Launcher.java" >&2
		rm -rf "$out"
		mv "$out.tmp" "$out"
	fi
	echo "$out"
}

free_port() {
	local p
	for _ in $(seq 1 100); do
		p=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	echo "neo4j: no free port found" >&2
	return 1
}

start() {
	local dir=${1:-} port=${2:-}
	fetch >/dev/null
	local cls
	cls=$(classes)
	if [[ -z "$dir" ]]; then
		dir=$(mktemp -d "${TMPDIR:-/tmp}/collabgraph-neo4j.XXXXXX")
	fi
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	if [[ -f "$dir/pid" ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
		echo "neo4j: already running for $dir (pid $(cat "$dir/pid"))" >&2
		return 1
	fi
	if [[ -z "$port" ]]; then
		port=$( [[ -f "$dir/port" ]] && cat "$dir/port" || free_port)
	fi
	echo "$port" >"$dir/port"
	if [[ ! -f "$dir/password" ]]; then
		(umask 077 && printf '%s' "${NEO4J_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr '+/' 'xy')}" >"$dir/password")
	fi
	: >"$dir/neo4j.log"
	NEO4J_PASSWORD=$(cat "$dir/password") setsid "$java" -Xms256m -Xmx"${NEO4J_HEAP:-1g}" -XX:+UseG1GC \
		-cp "$cls:$lib/*" Launcher "$dir/db" "$port" </dev/null >>"$dir/neo4j.log" 2>&1 &
	local pid=$!
	echo "$pid" >"$dir/pid"
	mkdir -p "$cache"
	echo "$dir" >"$cache/last"
	for _ in $(seq 1 1200); do
		if grep -q '^ready' "$dir/neo4j.log"; then
			echo "NEO4J_URI=bolt://127.0.0.1:$port"
			echo "NEO4J_USER=neo4j"
			echo "NEO4J_PASSWORD=$(cat "$dir/password")"
			echo "NEO4J_DIR=$dir"
			grep '^ready' "$dir/neo4j.log" | tail -1 | sed 's/^/# /'
			return
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "neo4j: the server exited while starting; the end of $dir/neo4j.log:" >&2
			tail -20 "$dir/neo4j.log" >&2
			return 1
		fi
		sleep 0.1
	done
	echo "neo4j: Bolt did not answer on 127.0.0.1:$port within 120 s; see $dir/neo4j.log" >&2
	stop "$dir"
	return 1
}

stop() {
	local dir=${1:-}
	if [[ -z "$dir" ]]; then
		dir=$(cat "$cache/last" 2>/dev/null || true)
	fi
	if [[ -z "$dir" || ! -f "$dir/pid" ]]; then
		echo "neo4j: no server to stop${dir:+ in $dir}" >&2
		return 0
	fi
	local pid
	pid=$(cat "$dir/pid")
	if kill -TERM "$pid" 2>/dev/null; then
		for _ in $(seq 1 300); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null; then
			echo "neo4j: pid $pid ignored SIGTERM for 30 s; killing it" >&2
			kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	rm -f "$dir/pid"
}

case "${1:-}" in
fetch) fetch ;;
start) shift; start "$@" ;;
stop) shift; stop "$@" ;;
*)
	sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
	;;
esac
