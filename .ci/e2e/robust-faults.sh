#!/usr/bin/env bash
# Faults around recording (issue 6): a file-size limit, a full disk, a missing directory, a
# program killed mid-record, bad socket paths. The traced program must be unharmed (same
# output, exit 0), the trace readable, and any loss reported.
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=${E2E_BIN:-$(swift build --show-bin-path)}
demo=$bin/flowtrace-demo
flowtrace=$bin/flowtrace
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SWIFT_BACKTRACE=enable=no
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# roots — the top-level lines of the synchronous examples, without timings (the concurrent
# examples print in varying order).
roots() { grep -E '^(→|←) (fib|compute|Calc|a)\(' "$1" | sed -E 's/ \[[0-9.]+s\]//' | sort; }
FLOWTRACE_OUT="$tmp/plain.ftrace" "$demo" examples >"$tmp/plain.out" 2>&1 ||
  fail "demo recording to a normal file exited $?"
roots "$tmp/plain.out" >"$tmp/plain.roots"
# Every "same output" below compares against these roots: they must be the demo's, not
# nothing (an empty or broken plain run would make every comparison pass on empty output).
for root in '→ fib(3)' '← fib(3) → 2' '→ compute(6, 7) → 42' '→ a()' '← a() → 21'; do
  grep -qxF -- "$root" "$tmp/plain.roots" || {
    echo "FAIL: the plain run printed no '$root' root; output was:" >&2
    head -20 "$tmp/plain.out" >&2
    exit 1
  }
done
same() { roots "$1" | diff -q "$tmp/plain.roots" - >/dev/null; }

# 1. RLIMIT_FSIZE (1 KiB) while recording: exit 0, same output, readable prefix, loss said.
# (stdout goes through a pipe: the limit applies to every file the program writes.)
(ulimit -f 1 && FLOWTRACE_OUT="$tmp/limited.ftrace" exec "$demo" examples 2>&1) |
  cat >"$tmp/limited.out"
status=${PIPESTATUS[0]}
grep '^flowtrace:' "$tmp/limited.out" >"$tmp/limited.err"
if [ "$status" -ne 0 ]; then
  fail "RLIMIT_FSIZE: the traced program died (status $status)"
elif ! same "$tmp/limited.out"; then
  fail "RLIMIT_FSIZE: the program's output changed"
elif [ "$(stat -c %s "$tmp/limited.ftrace")" -gt 1024 ]; then
  fail "RLIMIT_FSIZE: the file grew past the limit"
elif ! "$flowtrace" print "$tmp/limited.ftrace" >"$tmp/limited.tree" 2>&1; then
  fail "RLIMIT_FSIZE: the file is not readable: $(tail -1 "$tmp/limited.tree")"
elif ! grep -qi 'lost\|stopped\|too large' "$tmp/limited.err"; then
  fail "RLIMIT_FSIZE: the loss was not reported on stderr"
else
  ok "RLIMIT_FSIZE: program unharmed, $(wc -l <"$tmp/limited.tree") tree lines kept, loss reported"
fi

# 2. A full disk (/dev/full: every write fails with ENOSPC).
FLOWTRACE_OUT=/dev/full "$demo" examples >"$tmp/full.out" 2>"$tmp/full.err"
status=$?
if [ "$status" -ne 0 ]; then
  fail "disk full: the traced program died (status $status)"
elif ! same "$tmp/full.out"; then
  fail "disk full: the program's output changed"
elif ! grep -qi 'no space' "$tmp/full.err"; then
  fail "disk full: not reported on stderr"
else
  ok "disk full: program unharmed, reported: $(head -1 "$tmp/full.err")"
fi

# 3. A missing directory: a clear message, the program runs on.
FLOWTRACE_OUT="$tmp/missing/dir/t.ftrace" "$demo" examples >"$tmp/missing.out" 2>"$tmp/missing.err"
status=$?
if [ "$status" -ne 0 ] || ! same "$tmp/missing.out"; then
  fail "missing directory: the program was harmed (status $status)"
elif ! grep -q 'No such file or directory' "$tmp/missing.err"; then
  fail "missing directory: no clear message"
else
  ok "missing directory: $(head -1 "$tmp/missing.err")"
fi

# 4. Killed mid-record (SIGKILL): everything written before is readable.
FLOWTRACE_OUT="$tmp/killed.ftrace" "$demo" live --seconds 30 >/dev/null 2>&1 &
pid=$!
sleep 1.5
kill -KILL "$pid"
wait "$pid" 2>/dev/null
if ! "$flowtrace" print "$tmp/killed.ftrace" >"$tmp/killed.tree" 2>"$tmp/killed.err"; then
  fail "killed mid-record: unreadable: $(cat "$tmp/killed.err")"
elif ! grep -q 'tick' "$tmp/killed.tree"; then
  fail "killed mid-record: the calls before the kill are missing"
else
  ok "killed mid-record: $(grep -c 'tick' "$tmp/killed.tree") tick calls readable"
fi

echo "robust-faults: $failures failed"
[ "$failures" -eq 0 ]
