#!/usr/bin/env bash
# End-to-end: the demo program records a fresh trace through its file sink (FLOWTRACE_OUT),
# then the real flowtrace-tui explores it in tmux: the tree, folding, search `/fib` and `n`,
# the error keys `x`, the Exception tab and its chain, the filter `\err`, help, quit. Also
# checks that `flowtrace print` of that file prints what the demo printed itself (autoPrint).
set -euo pipefail
cd "$(dirname "$0")/../.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8

bin_dir="$(swift build --show-bin-path)"
for product in flowtrace-tui flowtrace flowtrace-demo; do
  [ -x "$bin_dir/$product" ] || swift build --product "$product"
done
work="$(mktemp -d)"
sock="flowtrace-tui-demo-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

. "$(dirname "$0")/lib.sh"
# status_shows TEXT: the status line (second to last) holds TEXT, within 10 s.
status_shows() {
  for _ in $(seq 100); do
    screen | tail -n 2 | head -n 1 | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  fail "expected '$1' in the status line"
}

# Record: the runtime's file sink writes the trace while autoPrint prints the same calls.
FLOWTRACE_OUT="$work/demo.ftrace" "$bin_dir/flowtrace-demo" examples >"$work/autoprint.txt"
[ -s "$work/demo.ftrace" ] || fail "the demo wrote no trace to FLOWTRACE_OUT"

# `flowtrace print` of the file prints the demo's own output, less its section titles and
# its one plain print, the task group included: its five children nest under fanOut(5).
grep -v -e '^# ' -e '^$' -e '^Calc(memory: ' "$work/autoprint.txt" >"$work/expected.txt"
"$bin_dir/flowtrace" print --color never "$work/demo.ftrace" >"$work/printed.txt"
[ "$(wc -l <"$work/printed.txt")" -gt 55 ] || fail "flowtrace print printed too little"
# task_group FILE: fanOut(5) opens, five child(i) calls (each with its square(i)) are its
# direct children, in any order, and it closes with 55.
task_group() {
  awk '/^→ fanOut\(5\)$/ { on = 1 } on { print } /^← fanOut\(5\) → 55$/ { exit }' "$1" |
    sed -n '2,16p' | paste - - - | sort >"$work/children.txt"
  for i in 1 2 3 4 5; do
    printf '  → child(%d)\t    → square(%d) → %d\t  ← child(%d) → %d\n' $i $i $((i * i)) $i $((i * i))
  done | diff -u - "$work/children.txt" >&2
}
task_group "$work/printed.txt" || fail "flowtrace print: the task group's children are not fanOut's"
task_group "$work/autoprint.txt" || fail "autoPrint: the task group's children are not fanOut's"
if ! diff -u "$work/expected.txt" "$work/printed.txt" >"$work/print.diff"; then
  cat "$work/print.diff" >&2
  fail "flowtrace print differs from the demo's autoPrint output"
fi
grep -qF '↯ catcher(1) BadInput(value: 1) [caught]' "$work/printed.txt" ||
  fail "flowtrace print lost the caught error"

tm new-session -d -s e2e -x 120 -y 45 \
  "env LANG=C.UTF-8 '$bin_dir/flowtrace-tui' '$work/demo.ftrace'; echo \"exit=\$?\" > '$work/status'; sleep 30"

# The tree: a root per thread, fib(3) unfolded with guides and results, timing where the
# demo asked for it, error marks, @TraceAll methods by their qualified names.
wait_for "demo.ftrace  flowtrace-demo [pid "
wait_for "· 46 calls · "
# The task group's children run on whichever pool threads the scheduler picks, so the number
# of thread roots varies (7 or 8 seen); every row is a call or a thread root.
threads=$(screen | sed -nE 's/.*· 46 calls · ([0-9]+) threads.*/\1/p' | head -1)
[ -n "$threads" ] && [ "$threads" -ge 6 ] || fail "no thread count in the title"
rows=$((46 + threads))
wait_for "▾ thread 1 main"
wait_for "├ ▾ fib(3) → 2"
wait_for "│ ├ ▾ fib(2) → 1"
wait_for "│ │ └   fib(0) → 0"
wait_for "├   compute(6, 7) → 42"
wait_for "│ └   b(y: 10) → 20"
wait_for '├ ▾ catcher(1) → "recovered" ↯ caught BadInput'
wait_for "│ └   boom(2) ↯ BadInput"
wait_for "├   Calc.divide(1, by: 0) ↯ CalcError"
for n in 1 2 3 4; do wait_for "└ ▾ work($n) → "; done
status_shows "1/$rows"
# The task group: fanOut(5)'s five children are its children (siblings: `├` before each but
# the last, `└` before the last), each with its square under it, whichever threads they ran
# on. They run at once on the pool threads, so they appear in the order they started, which
# is not always the order they were spawned: the pairs are compared sorted, as above.
keys G
status_shows "$rows/$rows"
screen | awk '/▾ (⧗[0-9]+ )?fanOut\(5\) → 55/ { on = 1; next } on && n < 10 { print; n++ }' |
  sed -E 's/⧗[0-9]+ //; s/ {3,}│.*$//; s/ +$//' >"$work/tui-group.txt"
guides=$(sed -nE 's/^  ([├└]) ▾ child.*/\1/p; s/^  ([│ ]) └   square.*/\1/p' "$work/tui-group.txt" | tr -d '\n')
[ "$guides" = "├│├│├│├│└ " ] || fail "the TUI's task group rows are not five siblings with a child each: '$guides'"
sed -E 's/^  [├└] ▾ //; s/^  [│ ] └   //' "$work/tui-group.txt" | paste - - | sort >"$work/tui-pairs.txt"
for i in 1 2 3 4 5; do printf 'child(%d) → %d\tsquare(%d) → %d\n' $i $((i * i)) $i $((i * i)); done |
  diff -u - "$work/tui-pairs.txt" >&2 || fail "the TUI does not show the task group's children under fanOut(5)"
keys g
status_shows "1/$rows"
screen | grep -E '^├   compute\(6, 7\) → 42 +[0-9.]+ (ns|µs)' -q ||
  fail "compute(6, 7) has no duration column"

# Fold fib(3) with h, unfold with l.
keys j
status_shows "main › fib"
keys h
wait_for "├ ▸ fib(3) → 2"
wait_gone "fib(0) → 0"
keys l
wait_for "├ ▾ fib(3) → 2"
wait_for "fib(0) → 0"
# Space folds too; C collapses all, E expands all.
keys Space
wait_for "├ ▸ fib(3) → 2"
keys C
wait_gone "├   compute(6, 7)"
keys E
wait_for "│ │ └   fib(0) → 0"
wait_for "├   compute(6, 7) → 42"

# Search: /fib matches fib and fib2 calls (10); n steps to the next one.
keys g / f i b Enter
status_shows "[1/10]"
status_shows "main › fib"
keys n
status_shows "[2/10]"
status_shows "main › fib › fib"
keys N
status_shows "[1/10]"
keys Escape
wait_for "search cleared"

# Errors: x walks the calls that threw or caught in tree order.
keys g x
status_shows "main › catcher"
keys x
status_shows "main › catcher › boom"
# The Exception tab: type, disposition, and the chain thrown in → caught in.
keys ] ] ]
wait_for "Type: BadInput"
wait_for "Description: BadInput(value: 1)"
wait_for "Here: propagated (thrown out)"
wait_for "thrown in    boom(1)"
wait_for "caught in    catcher(1)"
# Tab into the pane, down to "caught in", Enter jumps there.
keys Tab j Enter
status_shows "main › catcher "
wait_for "Here: caught (returned normally)"
keys Tab
keys x x
status_shows "main › outer"
wait_for "through      outer(2) ←"
keys x
status_shows "main › outer › boom"
wait_for "thrown in    boom(2) ←"
keys x
status_shows "main › Calc.divide"
wait_for "Type: CalcError"
keys x
wait_for "error search wrapped to the top"
status_shows "main › catcher"

# The filter: only calls that threw or caught, with their ancestors.
keys '\' e r r Enter
wait_for "filter: err  5/46"
wait_for "filter: 5 of 46 calls"
wait_gone "fib(3)"
wait_gone "work(1)"
wait_for "└   Calc.divide(1, by: 0) ↯ CalcError"
keys '\' C-u Enter
wait_for "filter cleared"
wait_for "fib(3) → 2"

# Help overlay lists the keys; q closes it, q again quits with status 0.
keys '?'
wait_for "Keys (q/Esc closes)"
wait_for "next call that threw or caught"
keys q
wait_gone "Keys (q/Esc closes)"
keys q
for _ in $(seq 100); do [ -s "$work/status" ] && break; sleep 0.1; done
[ "$(cat "$work/status" 2>/dev/null)" = "exit=0" ] || fail "flowtrace-tui did not quit with status 0"

echo "tui-demo: ok"
