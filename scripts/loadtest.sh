#!/bin/sh
# loadtest.sh measures collabgraph serve over HTTP on loopback: requests/s
# and latency for an entity lookup and a depth-2 neighbourhood through
# /graphql, beside a plain net/http handler over the same store
# (/plain/entity, `serve --bench-plain`) measured in the same run.
#
#   scripts/loadtest.sh                 # 10 s per run
#   DURATION=5 RATE=500 scripts/loadtest.sh
#
# Two kinds of run:
#   - wrk (installed from Debian if missing): closed loop, as fast as the
#     server answers with CONNS connections: the throughput ceiling and the
#     latency at it;
#   - cgload (cmd/cgload): open loop at a fixed RATE, latency measured
#     from each request's scheduled time (wrk2-style, which Debian does not
#     package): the latency a client sees at that load.
# Everything runs on 127.0.0.1 and stops when the script ends.
set -eu
DURATION=${DURATION:-10}
RATE=${RATE:-500}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-18181}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

if ! command -v wrk >/dev/null 2>&1; then
	echo "loadtest: installing wrk from Debian" >&2
	if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi

cd "$here"
go build -o "$work/collabgraph" ./cmd/collabgraph
go build -o "$work/cgload" ./cmd/cgload
base="http://127.0.0.1:$PORT"
"$work/collabgraph" serve --addr "127.0.0.1:$PORT" --bench-plain --log-level warn --log-format text 2>"$work/serve.log" &
pid=$!
i=0
until curl -fsS "$base/readyz" >/dev/null 2>&1; do
	i=$((i + 1))
	if [ $i -gt 100 ]; then
		echo "loadtest: server not ready:" >&2
		cat "$work/serve.log" >&2
		exit 1
	fi
	sleep 0.1
done

# Ids are stable hashes of kind and name: 新昌县 and 临平区.
entity_body='{"query":"query Entity($id: ID!) { entity(id: $id) { id name kind } }","variables":{"id":"region-411f61c8e159"}}'
hood_body='{"query":"query Hood($c: ID!) { neighborhood(center: $c, depth: 2, limit: 200) { entities { id name kind } relations { id kind status from { id } to { id } } truncated } }","variables":{"c":"region-4ae6221f4284"}}'
plain_url="$base/plain/entity?id=region-411f61c8e159"

# Check the answers before timing them.
curl -fsS -H 'Content-Type: application/json' -d "$entity_body" "$base/graphql" | grep -q '"name":"新昌县"'
curl -fsS -H 'Content-Type: application/json' -d "$hood_body" "$base/graphql" | grep -q '"truncated":false'
curl -fsS "$plain_url" | grep -q '"name":"新昌县"'

lua() { # lua FILE BODY: a wrk script that POSTs BODY as JSON
	printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[%s]==]\n' "$2" >"$1"
}
lua "$work/entity.lua" "$entity_body"
lua "$work/hood.lua" "$hood_body"

echo "== machine: $(nproc) cores, $(uname -sr); go $(go env GOVERSION); load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNS -d${DURATION}s"
# The server's CPU time (user + system, in clock ticks) from /proc: CPU
# per request is the figure that other jobs on the machine disturb least.
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
bench() { # label, then wrk's arguments
	label=$1
	shift
	t0=$(ticks)
	wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency "$@" >"$work/wrk.out"
	t1=$(ticks)
	awk -v l="$label" -v ticks=$((t1 - t0)) -v hz="$hz" '
		/Requests\/sec/ { rps = $2 }
		/requests in/ { n = $1 }
		/^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
		/Non-2xx/ { bad = $NF }
		END { printf "%-28s wrk  %8.0f req/s  p50 %s  p99 %s  non-2xx %s  server CPU %.0f us/request\n", l, rps, p50, p99, (bad == "" ? 0 : bad), ticks * 1e6 / hz / n }' "$work/wrk.out"
}
bench "plain net/http entity" "$plain_url"
bench "graphql entity" -s "$work/entity.lua" "$base/graphql"
bench "graphql neighborhood depth2" -s "$work/hood.lua" "$base/graphql"

echo "== fixed rate $RATE req/s for ${DURATION}s (cgload, latency from the scheduled send time)"
"$work/cgload" -label "plain net/http entity" -rate "$RATE" -duration "${DURATION}s" -url "$plain_url"
"$work/cgload" -label "graphql entity" -rate "$RATE" -duration "${DURATION}s" -url "$base/graphql" -body "$entity_body"
"$work/cgload" -label "graphql neighborhood depth2" -rate "$RATE" -duration "${DURATION}s" -url "$base/graphql" -body "$hood_body"

echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -q 'level=ERROR' "$work/serve.log"; then
	echo "loadtest: the server logged errors:" >&2
	grep 'level=ERROR' "$work/serve.log" | head >&2
	exit 1
fi
