#!/usr/bin/env bash
# Issue 14, part 2: the live viewer says how each program ended — on its row, in the title
# and on the message line: `exited 0 after …` (the end record's status), `killed by SIGKILL`
# (the viewer's own --demo child, or a zombie its parent has not reaped yet), `disconnected`
# (the socket closed without an end record and the process lives on).
set -uo pipefail
cd "$(dirname "$0")/../.."
source .ci/e2e/lib.sh

BIN=$E2E_BIN
TMP=$(mktemp -d /tmp/ft-ends-e2e.XXXXXX)
SOCK=$TMP/v.sock
failed=0
pids=()
cleanup() {
  e2e_stop
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)

# A wide window: the title holds the whole summary beside the socket path.
wide() {
  tmux kill-session -t "$E2E_SESSION" 2>/dev/null || true
  tmux new-session -d -s "$E2E_SESSION" -x 180 -y 40 "$@"
}

# 1. --demo: the viewer is the demo program's parent and reaps it, so it knows the signal.
wide "$BIN/flowtrace-tui --demo"
check "--demo's program connects" e2e_wait_for "1 program, 1 running"
viewer=$(tmux list-panes -t "$E2E_SESSION" -F '#{pane_pid}' | head -1)
child=$(pgrep -P "$viewer" | head -1)
check "the demo program is the viewer's child ($child)" test -n "$child"
sleep 1
kill -9 "$child"
check "the message line says so" e2e_wait_for "flowtrace-demo (pid $child) killed by SIGKILL"
e2e_keys g
check "its row says it was killed" e2e_wait_for "[pid $child] · killed by SIGKILL after "
check "the title says so" e2e_wait_for "1 program, killed by SIGKILL after "
e2e_expect_absent "1 running" && e2e_pass "it no longer counts as running" || failed=1
e2e_stop

# 2. Several programs on one listener, each ending its own way.
wide "cd $TMP && $BIN/flowtrace-tui --listen $SOCK"
check "the viewer listens" e2e_wait_for "FLOWTRACE_SOCKET=$SOCK"
# a) runs 2 s and exits 0: the end record carries the status.
FLOWTRACE_SOCKET=$SOCK "$BIN/flowtrace-tui" --demo-child 2 >/dev/null 2>&1 &
quick=$!
pids+=("$quick")
# b) killed while its parent (python, which never waits for it) lives: a zombie whose status
#    /proc shows.
"$PY" -c '
import subprocess, sys, time
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(p.pid, flush=True)
time.sleep(120)
' env FLOWTRACE_SOCKET="$SOCK" "$BIN/flowtrace-tui" --demo-child 60 >"$TMP/victim.pid" &
pids+=($!)
# c) sends a header, closes its socket and lives on: nothing tells how it will end.
"$PY" -c '
import os, socket, struct, sys, time
name = b"quitter"
body = struct.pack("<iqBI", os.getpid(), time.time_ns(), 0, 1) + bytes([len(name)]) + name + b"\x00"
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b"FLOWTRC\x00" + struct.pack("<HI", 1, len(body)) + body)
s.close()
time.sleep(120)
' "$SOCK" &
quitter=$!
pids+=("$quitter")
check "three programs connect" e2e_wait_for "3 programs"
check "the quick one exits 0" e2e_wait_for "flowtrace-tui (pid $quick) exited 0 after 2."
victim=$(cat "$TMP/victim.pid")
check "the victim runs ($victim)" test -n "$victim" -a -e "/proc/$victim"
kill -9 "$victim"
check "the message line names the signal" \
  e2e_wait_for "flowtrace-tui (pid $victim) killed by SIGKILL after "
e2e_keys C  # every row folded: the three program rows
check "the quick one's row says it exited" e2e_wait_for "[pid $quick] · exited 0 after 2."
check "the victim's row says it was killed" e2e_wait_for "[pid $victim] · killed by SIGKILL"
check "the quitter's row says disconnected" e2e_wait_for "quitter [pid $quitter] · disconnected after "
check "the title counts each end" \
  e2e_wait_for "3 programs, 0 running, 1 exited, 1 killed, 1 disconnected"
e2e_stop

[ "$failed" -eq 0 ]
