#!/usr/bin/env bash
# Browser tests of the network page against the real collabgraph server:
# installs chromium (and a CJK font for screenshots) when missing, checks the
# committed web/dist/ against a fresh build, builds the binary, serves the
# seeds on a free loopback port, runs web/test/ and web/e2e/ with node
# --test, and stops the server. Exits non-zero when anything fails.
#
#	scripts/e2e.sh                  # everything
#	SCREENSHOT=/tmp/x.png scripts/e2e.sh   # write the screenshot elsewhere
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "e2e: $* missing and not root to install it: apt-get install -y $*" >&2
    exit 1
  fi
  if [ -z "${apt_updated:-}" ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "e2e: installing chromium"
  apt_install chromium
fi
# Without a CJK font the screenshot would show boxes for every Chinese name.
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  echo "e2e: installing a CJK font"
  apt_install fonts-wqy-microhei
fi

echo "e2e: npm ci in web/"
(cd web && npm ci --no-audit --no-fund --loglevel=error)
bash web/check-build.sh

tmp=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "e2e: go build ./cmd/collabgraph"
go build -o "$tmp/collabgraph" ./cmd/collabgraph

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
url="http://127.0.0.1:$port/"
"$tmp/collabgraph" serve --addr "127.0.0.1:$port" --seeds seeds --log-format text >"$tmp/server.log" 2>&1 &
server_pid=$!
ready=
for _ in $(seq 1 120); do
  if curl -sf "${url}readyz" >/dev/null 2>&1; then
    ready=1
    break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    break
  fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "e2e: the server at $url did not become ready; its log:" >&2
  cat "$tmp/server.log" >&2
  exit 1
fi
echo "e2e: collabgraph serving the seeds at $url"

# The page's unit tests and its browser tests, one file at a time, so the
# frame-time figures are not measured while another file drives a browser.
status=0
COLLABGRAPH_URL=$url CHROMIUM=$chromium node --test --test-concurrency=1 web/test/ web/e2e/ || status=$?
if [ "$status" != 0 ]; then
  echo "e2e: browser tests failed; the server's log:" >&2
  tail -50 "$tmp/server.log" >&2
fi
exit "$status"
