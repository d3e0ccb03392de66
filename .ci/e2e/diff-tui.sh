#!/usr/bin/env bash
# End-to-end: `flowtrace-tui A --diff B` in tmux on two runs of the demo's import batch.
# Checks the merged tree's marks, the changed value's both sides in the detail pane, jumping
# between differences (d/D), "differences only" (v), comparing from the prompt (c), and the
# one-line error for a second file that is not a trace. Also `flowtrace diff --exit-code`.
set -euo pipefail
cd "$(dirname "$0")/../.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8

bindir="$(swift build --show-bin-path)"
for product in flowtrace-tui flowtrace flowtrace-demo; do
  [ -x "$bindir/$product" ] || swift build --product "$product" >/dev/null
done
work="$(mktemp -d)"
sock="flowtrace-diff-e2e-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"

FLOWTRACE_OUT="$work/a.ftrace" "$bindir/flowtrace-demo" batch 1 2 x 4 >/dev/null
FLOWTRACE_OUT="$work/b.ftrace" "$bindir/flowtrace-demo" batch 1 2 3 4 five >/dev/null
FLOWTRACE_OUT="$work/c.ftrace" "$bindir/flowtrace-demo" batch 1 2 x 4 >/dev/null

# The CLI: a rerun with the same input is no difference; the other input is (exit 1).
"$bindir/flowtrace" diff --exit-code "$work/a.ftrace" "$work/c.ftrace" >/dev/null \
  || { echo "FAIL: two runs of the same input differ" >&2; exit 1; }
if "$bindir/flowtrace" diff --exit-code "$work/a.ftrace" "$work/b.ftrace" >/dev/null; then
  echo "FAIL: --exit-code did not report the difference" >&2
  exit 1
fi

# Two binary traces take the streaming diff (pruned trees): the same output, text and JSON,
# as the reference path (whole trees).
for pair in "a c" "a b" "b a"; do
  set -- $pair
  for format in text json; do
    fast="$("$bindir/flowtrace" diff --format "$format" "$work/$1.ftrace" "$work/$2.ftrace")"
    reference="$(FLOWTRACE_DIFF_REFERENCE=1 "$bindir/flowtrace" diff --format "$format" \
      "$work/$1.ftrace" "$work/$2.ftrace")"
    [ "$fast" = "$reference" ] || {
      echo "FAIL: streaming and reference diffs of $1 and $2 ($format) differ" >&2
      diff <(echo "$fast") <(echo "$reference") >&2 || true
      exit 1
    }
  done
done

tm new-session -d -s e2e -x 120 -y 40 \
  "env LANG=C.UTF-8 '$bindir/flowtrace-tui' '$work/a.ftrace' --diff '$work/b.ftrace'; echo \"exit=\$?\" > '$work/status'; sleep 30"

# The merged tree: changed calls with B's side after ⇢, the call only in B with +.
wait_for "a.ftrace ⇢ b.ftrace"
wait_for '~ importBatch(["1", "2", "x", "4"]) → 6'
wait_for '~ parseRecord("x") ↯ BadInput  ⇢  parseRecord("3") → 3'
wait_for '+ parseRecord("five") ↯ BadInput'
wait_for '    parseRecord("1") → 1'
wait_for "4 differences: d/D next/previous"

# d jumps to the next difference; the detail pane shows both sides of the changed call.
keys d
wait_for "difference 2/4"
wait_for "Diff: changed: args, result, error, state"
wait_for 'B: parseRecord("3") → 3'
keys d
wait_for "difference 3/4"
wait_for "Diff: only in B"
keys D D
wait_for "difference 1/4"

# v: only the differences (and the calls leading to them).
keys v
wait_for "filter: differences only  4/7"
wait_gone 'parseRecord("1") → 1'
keys v
wait_for 'parseRecord("1") → 1'

# c: compare with a third trace from the prompt (a rerun of A's input: no differences).
keys c
wait_for "compare with:"
keys "$work/c.ftrace" Enter
wait_for "a.ftrace ⇢ c.ftrace"
wait_for "no differences"
# Two binary traces take the streaming path: the same run is its top-level calls, the alike
# calls below folded (the whole merged tree would hold 7 calls).
wait_for "2 calls · 1 thread"
keys d
wait_for "no differences"

# A second file that is not a trace: one line, non-zero exit, before curses starts.
keys q
for _ in $(seq 100); do [ -s "$work/status" ] && break; sleep 0.1; done
[ "$(cat "$work/status" 2>/dev/null)" = "exit=0" ] || fail "flowtrace-tui did not quit with status 0"
echo "hello" >"$work/notes.txt"
set +e
err="$("$bindir/flowtrace-tui" "$work/a.ftrace" --diff "$work/notes.txt" 2>&1 >/dev/null </dev/null)"
status=$?
set -e
[ "$status" -ne 0 ] || fail "a text file was compared as a trace"
[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "expected one error line, got: $err"
case "$err" in
  "flowtrace-tui: --diff: $work/notes.txt: not a FlowTrace trace"*) ;;
  *) fail "unexpected error: $err" ;;
esac

echo "diff-tui: ok"
