#!/usr/bin/env bash
# Attach to a running program: `flowtrace-demo live` started with nothing set, then
# `flowtrace-tui --attach PID` shows its calls; quitting detaches (the demo carries on, its
# socket stays), attaching again shows calls again; a dead pid is one line on stderr.
set -uo pipefail
cd "$(dirname "$0")/../.."
source .ci/e2e/lib.sh

BIN=$E2E_BIN
TMP=$(mktemp -d /tmp/ft-attach-e2e.XXXXXX)
chmod 700 "$TMP"
export XDG_RUNTIME_DIR=$TMP  # a private attach directory: $TMP/flowtrace
failed=0
demo_pid=

cleanup() {
  e2e_stop
  [ -n "$demo_pid" ] && kill "$demo_pid" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT


# The demo with nothing set (it prints its trees; nobody reads them here).
env -u FLOWTRACE_SOCKET -u FLOWTRACE_OUT -u FLOWTRACE_PRINT -u FLOWTRACE_ATTACH \
  "$BIN/flowtrace-demo" live --seconds 60 >"$TMP/demo.out" 2>"$TMP/demo.err" &
demo_pid=$!
sock=$TMP/flowtrace/$demo_pid.sock
for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.1; done
check "the demo offers attaching at $sock" test -S "$sock"

attach_and_see() {
  local round=$1 start end
  start=$(date +%s%N)
  e2e_start "env XDG_RUNTIME_DIR=$TMP $BIN/flowtrace-tui --attach $demo_pid"
  check "attach $round: the title says attached to pid $demo_pid" \
    e2e_wait_for "attached to pid $demo_pid" 10
  check "attach $round: the demo's calls stream in" e2e_wait_for "tick(" 10
  check "attach $round: the program shows as running" e2e_wait_for "1 program, 1 running" 5
  end=$(date +%s%N)
  echo "   attach $round: screen with calls after $(((end - start) / 1000000)) ms"
  e2e_keys q
  sleep 0.5
  check "attach $round: quitting ends the viewer" \
    test -z "$(tmux list-sessions 2>/dev/null | grep "^$E2E_SESSION:")"
  check "attach $round: the demo still runs after the viewer quit" kill -0 "$demo_pid"
  check "attach $round: its socket is still there for the next viewer" test -S "$sock"
}

attach_and_see 1
attach_and_see 2

# A pid with no program: one line on stderr, exit status 1, no curses.
out=$("$BIN/flowtrace-tui" --attach 4000000 2>&1)
status=$?
check "attaching to a missing pid fails (status $status)" test "$status" -eq 1
check "with one line naming the pid: $out" \
  test "$(echo "$out" | wc -l)" -eq 1 -a -n "$(echo "$out" | grep -F 4000000)"

kill -TERM "$demo_pid"
wait "$demo_pid" 2>/dev/null
demo_pid=
check "the demo printed its trees while it ran (attach took nothing away)" \
  grep -qF "tick(" "$TMP/demo.out"
check "the demo said nothing on stderr" test ! -s "$TMP/demo.err"
[ "$failed" -eq 0 ]
