#!/usr/bin/env bash
# Live mode end to end: flowtrace-tui --listen on a temporary socket, the demo program
# streaming to it, follow mode, search while data arrives, a second program, a garbage client,
# a peer of another user refused, `w` saving, and the saved files reopened and compared.
set -uo pipefail
cd "$(dirname "$0")/../.."
source .ci/e2e/lib.sh

BIN=$E2E_BIN
TMP=$(mktemp -d /tmp/ft-live-e2e.XXXXXX)
SOCK=$TMP/v.sock
OTHER=ftlive$$
failed=0
pids=()

cleanup() {
  e2e_stop
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  id "$OTHER" >/dev/null 2>&1 && userdel "$OTHER" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT


# demo SECONDS — the bundled demo program streaming to the viewer, in the background.
demo() {
  FLOWTRACE_SOCKET=$SOCK "$BIN/flowtrace-tui" --demo-child "$1" >/dev/null 2>&1 &
  pids+=($!)
}

PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)

# client SOCKET TEXT — a raw socket client that sends TEXT and waits for the viewer to close.
client() {
  "$PY" -c '
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(sys.argv[2].encode())
try:
    s.recv(1)
except OSError:
    pass
' "$@"
}

# e2e_wait_for_re REGEX [SECONDS] — like e2e_wait_for, with an extended regular expression.
e2e_wait_for_re() {
  local re=$1 limit=${2:-20} waited=0
  while ! e2e_screen | grep -qE -- "$re"; do
    sleep 0.2
    waited=$((waited + 1))
    if [ "$waited" -ge $((limit * 5)) ]; then
      echo "FAIL: /$re/ did not appear within ${limit}s; screen was:" >&2
      e2e_screen >&2
      return 1
    fi
  done
}

# total_calls — the "N calls" figure of the title bar.
total_calls() { e2e_screen | head -1 | grep -oE '[0-9][0-9,]* calls' | head -1 | tr -d ', calls'; }

# rows — the M of the status line's N/M.
rows() { e2e_screen | grep -oE '[0-9][0-9,]*/[0-9][0-9,]*' | tail -1 | cut -d/ -f2 | tr -d ,; }

e2e_start "cd $TMP && $BIN/flowtrace-tui --listen $SOCK"
check "viewer listens and says how to connect" e2e_wait_for "FLOWTRACE_SOCKET=$SOCK"
check "follow mode is on" e2e_wait_for "LIVE FOLLOW"
second_viewer=$("$BIN/flowtrace-tui" --listen "$SOCK" 2>&1 </dev/null)
check "a second viewer on the same path is refused" \
  grep -q "another viewer is already listening" <<<"$second_viewer"
touch "$TMP/plain"
plain=$("$BIN/flowtrace-tui" --listen "$TMP/plain" 2>&1 </dev/null)
check "a regular file is not clobbered" \
  test -f "$TMP/plain" -a -n "$(grep "not a socket" <<<"$plain")"

demo 8
check "the demo program appears" e2e_wait_for "1 program, 1 running"
first=$(rows)
sleep 1.5
second=$(rows)
check "the tree grows while the program runs ($first -> $second rows)" \
  test "${second:-0}" -gt "${first:-0}"

e2e_keys k
check "moving up pauses" e2e_wait_for "LIVE PAUSED"
e2e_keys G
check "G resumes" e2e_wait_for "LIVE FOLLOW"
e2e_keys F
check "F pauses" e2e_wait_for "LIVE PAUSED"
e2e_keys F
check "F follows again" e2e_wait_for "LIVE FOLLOW"

e2e_keys / tick Enter
check "search while data arrives" e2e_wait_for_re '\[[0-9-]+/[1-9][0-9,]*\]'
n1=$(e2e_screen | grep -oE '\[[0-9-]+/[0-9,]+\]' | tail -1 | sed 's/.*\///; s/[],]//g')
sleep 1.5
n2=$(e2e_screen | grep -oE '\[[0-9-]+/[0-9,]+\]' | tail -1 | sed 's/.*\///; s/[],]//g')
check "the match counter grows as calls arrive ($n1 -> $n2)" test "${n2:-0}" -gt "${n1:-0}"

demo 3
check "a second program while the first streams" e2e_wait_for "2 programs"

client "$SOCK" "GET / HTTP/1.1"
check "a garbage client is dropped with a message" e2e_wait_for "not a FlowTrace stream"

useradd -M -s /usr/sbin/nologin "$OTHER" 2>/dev/null
chmod 711 "$TMP"
chmod 666 "$SOCK"
runuser -u "$OTHER" -- "$PY" -c '
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b"x")
' "$SOCK" 2>/dev/null
check "a peer of another user is refused" e2e_wait_for "refused a connection from uid $(id -u "$OTHER")"

FLOWTRACE_SOCKET=$SOCK "$BIN/flowtrace-tui" --demo-child 30 >/dev/null 2>&1 &
victim=$!
pids+=("$victim")
check "a third program connects" e2e_wait_for "3 programs"
sleep 0.5
kill -9 "$victim"
wait "$victim" 2>/dev/null
# The viewer says `killed by SIGKILL` when it reads the wait status before this script's
# `wait` reaps the process, else `disconnected` (README "How a live program ended").
check "a program killed mid-stream shows as ended" \
  e2e_wait_for_re 'disconnected|killed by SIGKILL after'

check "every program has ended" e2e_wait_for ", 0 running" 30
e2e_keys Escape w
check "w saves one file per program" e2e_wait_for "saved 3 files"
live_calls=$(total_calls)
e2e_stop

saved_calls=0
for file in "$TMP"/flowtrace-*.ftrace; do
  e2e_start "$BIN/flowtrace-tui $file"
  e2e_wait_for " calls" || break
  n=$(total_calls)
  saved_calls=$((saved_calls + ${n:-0}))
  e2e_stop
done
check "the saved files hold every call shown live ($saved_calls of $live_calls)" \
  test "$saved_calls" -eq "${live_calls:--1}" -a "$saved_calls" -gt 0

[ "$failed" -eq 0 ]
