#!/usr/bin/env bash
# Hostile trace strings (issue 6): names, thread names, arguments and results carrying OSC 52
# clipboard writes, a title change, a screen clear, cursor moves, C1 CSI and a bidi override.
# flowtrace-tui must show them escaped and leave the terminal alone: checked with tmux's
# `capture-pane -e`, the pane title, tmux's paste buffers (OSC 52 lands there) and the cursor.
set -euo pipefail
cd "$(dirname "$0")/../.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8

bin="$(swift build --show-bin-path)/flowtrace-tui"
[ -x "$bin" ] || swift build --product flowtrace-tui
work="$(mktemp -d)"
sock="flowtrace-robust-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

cat >"$work/hostile.jsonl" <<'JSONL'
{"type":"header","version":1,"pid":66,"program":"/tmp/\u001b]0;pwned-title\u0007","arguments":[],"start_wall_ns":0}
{"type":"site","id":1,"name":"evil\u001b]52;c;cHduZWQ=\u0007","labels":["_"],"file":"E.swift","line":1}
{"type":"site","id":2,"name":"clear\u001b[2J\u001b[H","labels":["_"],"file":"E.swift","line":2}
{"type":"thread","id":1,"name":"\u001b]2;thread-title\u001b\\"}
{"type":"call","id":1,"site":1,"thread":1,"collect":["args","result"],"args":["\u001b[10;10HMOVED\u001b[31m"]}
{"type":"call","id":2,"parent":1,"site":2,"thread":1,"collect":["args","result"],"args":["\u009b2J\u202eevil"]}
{"type":"return","id":2,"result":"\u001b[?1049l\u001b[?25l"}
{"type":"return","id":1,"result":"\u001bc"}
{"type":"end"}
JSONL

tm -f /dev/null new-session -d -s h -x 120 -y 30
tm set -g set-clipboard on
tm set -g allow-rename on
tm set -g allow-passthrough off 2>/dev/null || true
tm select-pane -t h -T before
tm send-keys -t h "TERM=tmux-256color $bin $work/hostile.jsonl" Enter
for _ in $(seq 50); do tm capture-pane -t h -p | grep -qF 'evil' && break; sleep 0.2; done
tm send-keys -t h E  # expand everything
tm send-keys -t h j
sleep 0.5
screen=$(tm capture-pane -t h -p -e)
plain=$(tm capture-pane -t h -p)

grep -qF 'evil\e]52;c;cHduZWQ=\x07' <<<"$plain" || fail "the OSC 52 name is not shown escaped"
grep -qF 'clear\e[2J\e[H' <<<"$plain" || fail "the clear-screen name is not shown escaped"
grep -qF '\e[10;10HMOVED' <<<"$plain" || fail "the cursor-move argument is not shown escaped"
grep -q 'u{9b}\|\\x9b\|\\u{9B}' <<<"$plain" || fail "the C1 CSI is not shown escaped"
# capture-pane -e re-emits only SGR attributes: anything else came from the trace.
if grep -P '\x1b(?!\[[0-9;:]*m)' <<<"$screen" >/dev/null; then
  fail "a raw non-SGR escape reached the screen"
fi
[ "$(tm display -p -t h '#{pane_title}')" = before ] || fail "the pane title changed"
[ -z "$(tm list-buffers 2>/dev/null)" ] || fail "OSC 52 reached tmux's clipboard: $(tm list-buffers)"
grep -qF 'MOVED' <<<"$(sed -n 10p <<<"$plain")" && [ "$(tm display -p -t h '#{cursor_x}')" = 9 ] &&
  fail "the cursor move was obeyed"
head -1 <<<"$plain" | grep -q . || fail "the title bar was cleared"
[ "$(tm display -p -t h '#{alternate_on}')" = 1 ] || fail "the alternate screen was left"

tm send-keys -t h q
sleep 0.5
[ "$(tm display -p -t h '#{alternate_on}')" = 0 ] || fail "the alternate screen is still on after q"
[ "$(tm display -p -t h '#{cursor_flag}')" = 1 ] || fail "the cursor stays hidden after q"
tm send-keys -t h "echo still-a-shell" Enter
sleep 0.3
tm capture-pane -t h -p | grep -qF 'still-a-shell' || fail "the shell is not usable after quitting"
[ "$(tm display -p -t h '#{pane_title}')" = before ] || fail "the pane title changed after quitting"

if [ "$failures" -eq 0 ]; then echo "ok: hostile strings shown escaped, terminal state intact"; fi
[ "$failures" -eq 0 ]
