#!/usr/bin/env bash
# `flowtrace-tui --demo` (the README's first command): a private listener, the bundled demo
# program streaming to it, a live tree; quitting stops the demo and removes the socket.
set -uo pipefail
cd "$(dirname "$0")/../.."
source .ci/e2e/lib.sh
failed=0
trap e2e_stop EXIT

e2e_start "$E2E_BIN/flowtrace-tui --demo"
check "--demo shows a live title" e2e_wait_for "LIVE FOLLOW"
check "--demo's program connects" e2e_wait_for "1 program, 1 running"
check "--demo's tree grows with the trickle of calls" e2e_wait_for "tick("
dir=$(e2e_screen | grep -oE '/tmp/flowtrace-demo-[A-Za-z0-9]+' | head -1)
# The demo program: a descendant of this pane's process (never another run's) whose command
# line holds the child flag. It must be found, else "quitting stops it" would prove nothing.
demo_child() {
  local pids=$1 found=
  while [ -n "$pids" ]; do
    local next=
    for pid in $pids; do
      tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "--demo-child" && found="$found $pid"
      next="$next $(pgrep -P "$pid" | tr '\n' ' ')"
    done
    pids=$(echo $next)
  done
  echo $found
}
pane=$(tmux display -p -t "$E2E_SESSION" '#{pane_pid}')
child=$(demo_child "$pane" | awk '{ print $1 }')
check "the demo program runs as a child of the viewer (pid ${child:-none})" \
  test -n "$child" -a -e "/proc/${child:-0}"
check "the demo streams from a private directory ($dir)" test -n "$dir" -a -d "$dir"
e2e_keys q
sleep 1
check "quitting removes the private directory" test ! -e "$dir"
check "quitting stops the demo program" test -n "$child" -a ! -e "/proc/${child:-0}"
[ "$failed" -eq 0 ]
