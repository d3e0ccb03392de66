#!/usr/bin/env bash
# The viewer killed (SIGKILL) while four programs stream to it (issue 6): the programs keep
# running at their pace (never blocked), and a new viewer can listen on the same path.
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=${E2E_BIN:-$(swift build --show-bin-path)}
tmp=$(mktemp -d)
sock="flowtrace-robust-vk-$$"
tm() { tmux -L "$sock" "$@"; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  tm kill-server 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
export SWIFT_BACKTRACE=enable=no LANG=C.UTF-8 LC_ALL=C.UTF-8
path="$tmp/v.sock"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

tm -f /dev/null new-session -d -s v -x 120 -y 30 "$bin/flowtrace-tui --listen $path"
for _ in $(seq 50); do [ -S "$path" ] && break; sleep 0.2; done
for i in 1 2 3 4; do
  FLOWTRACE_SOCKET="$path" "$bin/flowtrace-testee" forever >"$tmp/p$i.out" 2>&1 &
  pids+=($!)
done
for _ in $(seq 50); do tm capture-pane -t v -p | head -1 | grep -q '4 programs\|programs: 4\|· 4 ' && break; sleep 0.2; done
title=$(tm capture-pane -t v -p | head -1)
grep -qE '[1-9][0-9,]* calls' <<<"$title" || fail "the viewer received nothing: $title"
kill -KILL "$(tm list-panes -t v -F '#{pane_pid}')"
before=()
for i in 1 2 3 4; do before+=("$(grep -c progress "$tmp/p$i.out")"); done
# Each program prints a progress line every 1,000 traced steps (with autoPrint on, a second
# or more apiece on loaded shared cores): wait up to 20 s for each to print one more.
for i in 1 2 3 4; do
  for _ in $(seq 100); do
    [ "$(grep -c progress "$tmp/p$i.out")" -gt "${before[$((i - 1))]}" ] && break
    sleep 0.2
  done
  after=$(grep -c progress "$tmp/p$i.out")
  kill -0 "${pids[$((i - 1))]}" 2>/dev/null || fail "program $i died with the viewer"
  [ "$after" -gt "${before[$((i - 1))]}" ] || fail "program $i stopped progressing ($after lines)"
done
tm -f /dev/null new-session -d -s v2 -x 120 -y 30 "$bin/flowtrace-tui --listen $path"
for _ in $(seq 50); do tm capture-pane -t v2 -p | grep -qE '[1-9][0-9,]* calls' && break; sleep 0.2; done
tm capture-pane -t v2 -p | head -1 | grep -qE '[1-9][0-9,]* calls' ||
  fail "a new viewer on the same path got nothing: $(tm capture-pane -t v2 -p | head -1)"
[ "$failures" -eq 0 ] && echo "ok: viewer killed under 4 streams: programs unharmed, new viewer reconnected"
[ "$failures" -eq 0 ]
