#!/usr/bin/env bash
# End-to-end: the real flowtrace-tui binary in tmux on a small hand-written JSON Lines trace.
# Checks the first screen, folding, search, the help overlay, escape sanitising, wide
# characters, quitting, a binary trace cut short, NO_COLOR, the ASCII fallback of a non-UTF-8
# locale, and the one-line error for a file that is not a trace.
set -euo pipefail
cd "$(dirname "$0")/../.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8

bin="$(swift build --show-bin-path)/flowtrace-tui"
[ -x "$bin" ] || swift build --product flowtrace-tui
work="$(mktemp -d)"
sock="flowtrace-tui-e2e-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cat >"$work/sample.jsonl" <<'JSONL'
{"type":"header","version":1,"pid":4242,"program":"/usr/bin/demo","arguments":["--n","3"],"start_wall_ns":0}
{"type":"site","id":1,"name":"main","labels":[],"file":"App/main.swift","line":1}
{"type":"site","id":2,"name":"fib","labels":["_"],"file":"App/Fib.swift","line":3}
{"type":"site","id":3,"name":"Parser.parse","labels":["text"],"file":"App/Parser.swift","line":10}
{"type":"site","id":4,"name":"Parser.validate","labels":["_"],"file":"App/Parser.swift","line":30}
{"type":"site","id":5,"name":"greet","labels":["name"],"file":"App/Greet.swift","line":7}
{"type":"thread","id":1,"name":"main"}
{"type":"call","id":1,"site":1,"thread":1,"collect":["args","result","timing"],"ts":0,"args":[]}
{"type":"call","id":2,"parent":1,"site":2,"thread":1,"collect":["args","result","timing"],"ts":100,"args":["3"]}
{"type":"call","id":3,"parent":2,"site":2,"thread":1,"collect":["args","result","timing"],"ts":200,"args":["2"]}
{"type":"call","id":4,"parent":3,"site":2,"thread":1,"collect":["args","result","timing"],"ts":300,"args":["1"]}
{"type":"return","id":4,"ts":400,"result":"1"}
{"type":"call","id":5,"parent":3,"site":2,"thread":1,"collect":["args","result","timing"],"ts":500,"args":["0"]}
{"type":"return","id":5,"ts":600,"result":"0"}
{"type":"return","id":3,"ts":700,"result":"1"}
{"type":"call","id":6,"parent":2,"site":2,"thread":1,"collect":["args","result","timing"],"ts":800,"args":["1"]}
{"type":"return","id":6,"ts":900,"result":"1"}
{"type":"return","id":2,"ts":1000,"result":"2"}
{"type":"call","id":7,"parent":1,"site":3,"thread":1,"collect":["args","result","timing"],"ts":1100,"args":["\"a\u001b[31mb\u0007\""]}
{"type":"call","id":8,"parent":7,"site":4,"thread":1,"collect":["args","result","timing"],"ts":1200,"args":["-1"]}
{"type":"error","id":8,"error_type":"BadInput","description":"BadInput(value: -1)","disposition":"propagated"}
{"type":"return","id":8,"ts":51200}
{"type":"error","id":7,"error_type":"BadInput","description":"BadInput(value: -1)","disposition":"propagated"}
{"type":"return","id":7,"ts":52000}
{"type":"error","id":1,"error_type":"BadInput","description":"BadInput(value: -1)","disposition":"caught"}
{"type":"call","id":9,"parent":1,"site":5,"thread":1,"collect":["args","result","timing"],"ts":60000,"args":["\"日本語\""]}
{"type":"return","id":9,"ts":61000,"result":"\"こんにちは\""}
{"type":"return","id":1,"ts":2000000}
{"type":"end"}
JSONL

. "$(dirname "$0")/lib.sh"

tm new-session -d -s e2e -x 120 -y 40 \
  "env LANG=C.UTF-8 '$bin' '$work/sample.jsonl'; echo \"exit=\$?\" > '$work/status'; sleep 30"

# First screen: title, tree rows with guides and results, durations, error mark, status.
wait_for "sample.jsonl  demo [pid 4242]"
wait_for "└ ▾ main() ↯ caught BadInput"
wait_for "  ├ ▾ fib(3) → 2"
wait_for "│ │ ├   fib(1) → 1"
wait_for "900 ns"
# Escapes in trace values are shown escaped; wide characters intact.
wait_for 'Parser.parse(text: "a\e[31mb\x07") ↯ BadInput'
wait_for 'greet(name: "日本語") → "こんにちは"'
wait_for "1/10"
if tm capture-pane -p -e -t e2e | grep -q $'\e\\[31mb'; then fail "a raw escape sequence reached the terminal"; fi

# Fold fib(3) with h, unfold with l.
keys j j
wait_for "3/10"
keys h
wait_for "├ ▸ fib(3) → 2"
wait_gone "fib(2) → 1"
keys l
wait_for "├ ▾ fib(3) → 2"
wait_for "fib(2) → 1"

# Search: / greet Enter jumps there and counts.
keys / g r e e t Enter
wait_for "[1/1]"
wait_for "main › greet"

# Next error with x, then the Exception tab shows the chain.
keys g x x
wait_for "main › Parser.parse"
keys ] ] ]
wait_for "Chain (Enter jumps):"
wait_for "thrown in    Parser.validate(-1)"

# Collapse all, expand to depth 2.
keys C
wait_gone "fib(3) → 2"
keys 2
wait_for "fib(3) → 2"
wait_gone "fib(2) → 1"

# Filter: only the calls that threw or caught (and their ancestors).
keys '\' e r r Enter
wait_for "filter: err  3/9"
wait_gone "greet(name"
keys '\' C-u Enter
wait_for "greet(name"

# Help overlay, closed with q.
keys '?'
wait_for "Keys (q/Esc closes)"
wait_for "expand to depth N"
keys q
wait_gone "Keys (q/Esc closes)"

# Resize down to 20x6 and back: still running.
tm resize-window -t e2e -x 20 -y 6
wait_for "? help  / search  \\"
tm resize-window -t e2e -x 120 -y 40
wait_for "sample.jsonl  demo [pid 4242]"

# Quit.
keys q
for _ in $(seq 100); do [ -s "$work/status" ] && break; sleep 0.1; done
[ "$(cat "$work/status" 2>/dev/null)" = "exit=0" ] || fail "flowtrace-tui did not quit with status 0"

# The same trace in binary form (flowtrace import), cut inside its last record: the prefix
# opens with a message saying where it stopped. NO_COLOR: attributes only, no colour codes.
cli="$(dirname "$bin")/flowtrace"
[ -x "$cli" ] || swift build --product flowtrace
"$cli" import "$work/sample.jsonl" -o "$work/sample.ftrace" >/dev/null
size=$(stat -c %s "$work/sample.ftrace")
head -c $((size - 1)) "$work/sample.ftrace" >"$work/cut.ftrace"
tm kill-session -t e2e
tm new-session -d -s e2e -x 120 -y 40 \
  "env LANG=C.UTF-8 NO_COLOR=1 '$bin' '$work/cut.ftrace'; sleep 30"
wait_for "cut.ftrace  demo [pid 4242]"
wait_for "trace stopped early: $work/cut.ftrace: byte $((size - 2))"
wait_for '└   greet(name: "日本語") → "こんにちは"'
if tm capture-pane -p -e -t e2e | grep -qE $'\e\\[([34][0-8]|[34]8;5;[0-9]+)m'; then fail "NO_COLOR still draws colours"; fi
tm capture-pane -p -e -t e2e | grep -q $'\e\\[7m' || fail "NO_COLOR lost the reverse-video bars"
keys q

# A non-UTF-8 locale falls back to ASCII: plain guides and fold marks, escaped non-ASCII.
tm kill-session -t e2e
tm new-session -d -s e2e -x 120 -y 40 "env LANG=C LC_ALL=C '$bin' '$work/sample.jsonl'; sleep 30"
wait_for "\`-v main() ! caught BadInput"
wait_for '|-v fib(3) -> 2'
wait_for 'greet(name: "\u{65e5}\u{672c}\u{8a9e}")'
keys q

# A file that is not a trace: one line on stderr, non-zero exit, no curses.
echo "hello, world" >"$work/notes.txt"
set +e
err="$("$bin" "$work/notes.txt" 2>&1 >/dev/null </dev/null)"
status=$?
set -e
[ "$status" -ne 0 ] || fail "a text file was opened as a trace"
[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "expected one error line, got: $err"
case "$err" in
  "flowtrace-tui: not a FlowTrace trace: $work/notes.txt: byte 0"*) ;;
  *) fail "unexpected error: $err" ;;
esac

echo "tui-file: ok"
