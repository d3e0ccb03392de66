#!/usr/bin/env bash
# `flowtrace-tui --demo` (the README's first command): a private listener, the bundled demo
# program streaming to it, a live tree; quitting stops the demo and removes the socket.
set -uo pipefail
cd "$(dirname "$0")/../.."
source .ci/e2e/lib.sh
failed=0
check() {
  local name=$1
  shift
  if "$@"; then e2e_pass "$name"; else echo "FAIL: $name"; failed=1; fi
}
trap e2e_stop EXIT

e2e_start "$E2E_BIN/flowtrace-tui --demo"
check "--demo shows a live title" e2e_wait_for "LIVE FOLLOW"
check "--demo's program connects" e2e_wait_for "1 program, 1 running"
check "--demo's tree grows with the trickle of calls" e2e_wait_for "tick("
dir=$(e2e_screen | grep -oE '/tmp/flowtrace-demo-[A-Za-z0-9]+' | head -1)
child=$(pgrep -f -- "--demo-child" | head -1)
check "the demo streams from a private directory ($dir)" test -n "$dir" -a -d "$dir"
e2e_keys q
sleep 1
check "quitting removes the private directory" test ! -e "$dir"
check "quitting stops the demo program" test -z "$child" -o ! -e "/proc/$child"
[ "$failed" -eq 0 ]
