#!/usr/bin/env bash
# End-to-end (issue 12): the Hummingbird example server (demo/hummingbird-server, its own
# package) built and started on loopback with FLOWTRACE_OUT, driven with curl, stopped with
# SIGTERM; its recording printed by `flowtrace print` must show each request's span with the
# traced service calls nested under it, the failing route's error propagated through both.
# Cold build of the example: ~2.5 min of CPU (Hummingbird, SwiftNIO, swift-syntax), several
# minutes of wall time on a loaded machine; the checks themselves take a few seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v curl >/dev/null 2>&1 || { apt-get update && apt-get install -y curl; } >/dev/null
swift build --product flowtrace >/dev/null
flowtrace="$(swift build --show-bin-path)/flowtrace"
(cd demo/hummingbird-server && swift build 2>&1 | grep -E "error|Compiling OrdersServer|Build" || true)
server="$(cd demo/hummingbird-server && swift build --show-bin-path)/OrdersServer"
[ -x "$server" ] || { echo "FAIL: the example server did not build"; exit 1; }
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

PORT=$port FLOWTRACE_OUT="$work/orders.ftrace" "$server" >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/orders/7" >/dev/null 2>&1 && break; sleep 0.1; done
base="http://127.0.0.1:$port"
[ "$(curl -s -A e2e "$base/orders/8")" = "Order #8: 100 × filter papers" ] || { echo "FAIL: GET /orders/8"; exit 1; }
[ "$(curl -s -A e2e -o /dev/null -w '%{http_code}' "$base/orders/99")" = 404 ] || { echo "FAIL: 404"; exit 1; }
[ "$(curl -s -A e2e "$base/orders/total?ids=7,8")" = 102 ] || { echo "FAIL: total"; exit 1; }
kill -TERM "$pid"
wait "$pid" || true
pid=""

"$flowtrace" print "$work/orders.ftrace" | sed -E 's/ \[[0-9.]+s\]//g' >"$work/tree.txt"
cat "$work/tree.txt"
expect() { # expect TEXT: these consecutive lines are in the tree
  python3 - "$work/tree.txt" "$1" <<'PY' || { echo "FAIL: missing from the tree:"; echo "$1"; exit 1; }
import os, sys
tree, want = open(sys.argv[1], "rb").read(), os.fsencode(sys.argv[2])
sys.exit(0 if want in tree else 1)
PY
}
span8='HTTP GET route not found(span.kind: server, http.request.method: "GET", url.path: "/orders/8", user_agent.original: "e2e")'
expect "→ $span8
  → OrderService.load(id: 8)
    → Database.query(\"SELECT * FROM orders WHERE id = ?\", id: 8) → Optional(Order #8: 100 × filter papers)
  ← OrderService.load(id: 8) → Order #8: 100 × filter papers
← $span8 → {name: \"/orders/{id}\", http.response.body.size: 31, http.response.status_code: 200, http.route: \"/orders/{id}\"}"
span99='HTTP GET route not found(span.kind: server, http.request.method: "GET", url.path: "/orders/99", user_agent.original: "e2e")'
expect "→ $span99
  → OrderService.load(id: 99)
    → Database.query(\"SELECT * FROM orders WHERE id = ?\", id: 99) → nil
  ↯ OrderService.load(id: 99) no order 99 [propagated]
↯ $span99 HTTPError: Not Found, no order 99 [propagated]"
expect "  → OrderService.total(ids: [7, 8])"
if [ "$(grep -c '^    → OrderService.load(id: [78])$' "$work/tree.txt")" != 2 ]; then
  # The events themselves (threads, tasks, parents) tell an ordering race from a lost parent.
  echo "FAIL: total's loads; the recording as JSON Lines:"
  "$flowtrace" export "$work/orders.ftrace" --format jsonl | head -120
  exit 1
fi
echo "bridge-hummingbird: ok"
