#!/usr/bin/env bash
# Hostile trace strings (issue 6): names, thread names, arguments and results carrying OSC 52
# clipboard writes, title changes, a screen clear, a cursor move, a colour, C1 CSI, a bidi
# override, leaving the alternate screen and a full reset. flowtrace-tui must show them
# escaped and leave the terminal alone.
#
# Every check is first run against known-bad printers (Python writing the same screen with
# one hostile string sent raw, then with all of them raw): each hostile string sent raw must
# trip at least one check, and each check must trip at least once, so no check here can
# pass whatever the viewer does. Then the same checks must all pass on flowtrace-tui.
set -euo pipefail
cd "$(dirname "$0")/../.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8

bin="$(swift build --show-bin-path)/flowtrace-tui"
[ -x "$bin" ] || swift build --product flowtrace-tui
work="$(mktemp -d)"
sock="flowtrace-robust-$$"
servers=()
# tm SERVER ARGS... — tmux on a private server per run (own titles, own paste buffers).
tm() {
  local server=$1
  shift
  tmux -L "$sock-$server" "$@"
}
cleanup() {
  for server in "${servers[@]}"; do tm "$server" kill-server 2>/dev/null || true; done
  rm -rf "$work"
}
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

# The known-bad printer: draws a screen like the viewer's (alternate screen, a title line
# naming the file, one line per string) with the strings whose indices are in argv[1] ("all"
# for every one) written raw and the rest escaped as flowtrace-tui escapes them.
cat >"$work/bad.py" <<'PY'
import sys
strings = [
    "/tmp/\x1b]0;pwned-title\x07", "evil\x1b]52;c;cHduZWQ=\x07", "clear\x1b[2J\x1b[H",
    "\x1b]2;thread-title\x1b\\", "\x1b[10;10HMOVED\x1b[31m", "\x9b2J\u202eevil",
    "\x1b[?1049l\x1b[?25l", "\x1bc",
]
def escaped(text):
    out = ""
    for ch in text:
        v = ord(ch)
        if v == 0x1B: out += "\\e"
        elif v < 0x20 or v == 0x7F: out += "\\x%02x" % v
        elif 0x80 <= v < 0xA0: out += "\\u{%02x}" % v
        elif 0x202A <= v <= 0x202E: out += "\\u{%04x}" % v
        else: out += ch
    return out
raw = range(len(strings)) if sys.argv[1] == "all" else [int(i) for i in sys.argv[1].split(",")]
out = sys.stdout
out.write("\x1b[?1049h\x1b[H\x1b[2J")
out.write("hostile.jsonl  a known-bad printer\r\n")
for index, text in enumerate(strings):
    out.write("  " + (text if index in raw else escaped(text)) + "\r\n")
out.flush()
open(sys.argv[2], "w").close()
PY

# ---- The checks: each reads server $1's pane and returns non-zero when it was harmed.
plain() { tm "$1" capture-pane -t h -p; }
check_escaped() {  # every hostile string shown in its escaped form
  local screen
  screen=$(plain "$1")
  grep -qF 'evil\e]52;c;cHduZWQ=\x07' <<<"$screen" && grep -qF 'clear\e[2J\e[H' <<<"$screen" &&
    grep -qF '\e[10;10HMOVED\e[31m' <<<"$screen" && grep -qF '\u{9b}2J\u{202e}evil' <<<"$screen" &&
    grep -qF '\e]0;pwned-title\x07' <<<"$screen"
}
check_cursor_not_moved() {  # "MOVED" only where its escaped cursor move is printed before it
  ! plain "$1" | grep -F 'MOVED' | grep -vqF '\e[10;10HMOVED'
}
check_no_red() {  # no cell in colour 1 (the default theme never uses it; `ESC[31m` would)
  tm "$1" capture-pane -t h -p -e | python3 -c '
import re, sys
for params in re.findall(r"\x1b\[([0-9;:]*)m", sys.stdin.read()):
    p = [int(x) if x else 0 for x in re.split("[;:]", params)]
    i = 0
    while i < len(p):
        if p[i] == 31: sys.exit(1)
        if p[i] in (38, 48) and i + 2 < len(p) and p[i + 1] == 5:
            if p[i] == 38 and p[i + 2] == 1: sys.exit(1)
            i += 3
            continue
        i += 1'
}
check_pane_title() { [ "$(tm "$1" display -p -t h '#{pane_title}')" = before ]; }
check_no_clipboard() { [ -z "$(tm "$1" list-buffers 2>/dev/null)" ]; }
check_title_line() { plain "$1" | head -1 | grep -qF 'hostile.jsonl'; }
check_alternate_screen() { [ "$(tm "$1" display -p -t h '#{alternate_on}')" = 1 ]; }
checks=(escaped cursor_not_moved no_red pane_title no_clipboard title_line alternate_screen)

# start SERVER COMMAND — a 120x30 pane with a title, clipboard and renaming allowed.
start() {
  servers+=("$1")
  tm "$1" -f /dev/null new-session -d -s h -x 120 -y 30
  tm "$1" set -g set-clipboard on
  tm "$1" set -g allow-rename on
  tm "$1" set -g allow-passthrough off 2>/dev/null || true
  tm "$1" select-pane -t h -T before
  tm "$1" send-keys -t h "$2" Enter
}
# failing SERVER — the names of the checks that fail on the pane now.
failing() {
  local name out=()
  for name in "${checks[@]}"; do "check_$name" "$1" || out+=("$name"); done
  echo "${out[*]}"
}

# ---- The checks against known-bad printers.
declare -A tripped=()
for raw in 0 1 2 3 4 5 6 7 all; do
  server="bad-${raw}"
  start "$server" "python3 $work/bad.py $raw $work/done-$raw"
  for _ in $(seq 50); do [ -e "$work/done-$raw" ] && break; sleep 0.1; done
  sleep 0.3
  caught=$(failing "$server")
  if [ -z "$caught" ]; then
    fail "no check notices hostile string $raw sent raw; the pane was:"
    plain "$server" >&2
  fi
  echo "   string $raw sent raw: fails ${caught:-nothing}"
  for name in $caught; do tripped[$name]=1; done
  tm "$server" kill-server
done
for name in "${checks[@]}"; do
  [ -n "${tripped[$name]:-}" ] || fail "check '$name' passed on every known-bad printer: it cannot fail"
done
[ "$failures" -eq 0 ] && echo "ok: each check fails on a known-bad printer (${#checks[@]} checks, 9 bad runs)"

# ---- flowtrace-tui on the same strings.
start tui "TERM=tmux-256color $bin $work/hostile.jsonl"
for _ in $(seq 50); do plain tui | grep -qF 'evil' && break; sleep 0.2; done
tm tui send-keys -t h E  # expand everything
tm tui send-keys -t h j
sleep 0.5
caught=$(failing tui)
if [ -n "$caught" ]; then
  fail "flowtrace-tui fails: $caught; the pane was:"
  plain tui >&2
fi

tm tui send-keys -t h q
sleep 0.5
[ "$(tm tui display -p -t h '#{alternate_on}')" = 0 ] || fail "the alternate screen is still on after q"
[ "$(tm tui display -p -t h '#{cursor_flag}')" = 1 ] || fail "the cursor stays hidden after q"
tm tui send-keys -t h "echo still-a-shell" Enter
sleep 0.3
plain tui | grep -qF 'still-a-shell' || fail "the shell is not usable after quitting"
check_pane_title tui || fail "the pane title changed after quitting"

if [ "$failures" -eq 0 ]; then echo "ok: hostile strings shown escaped, terminal state intact"; fi
[ "$failures" -eq 0 ]
