#!/usr/bin/env bash
# Issue 14, part 3: traces recorded by the tools people use, imported and compared with what
# each tool itself says. uftrace records a C program built with -pg and a Swift binary
# patched with -P . (`uftrace replay` is the reference), imported both from its Chrome JSON
# and from the uftrace.data directory itself; viztracer records a Python script
# (its JSON, nested by a short Python script, is the reference). The imported tree is
# exported as JSON Lines and both sides are printed by .ci/e2e/import_outline.py.
# Needs uftrace and viztracer (.ci/run installs them; VIZTRACER names its binary).
set -uo pipefail
cd "$(dirname "$0")/../.."
source .ci/e2e/lib.sh
ROOT=$PWD
BIN=$E2E_BIN
OUTLINE="python3 $ROOT/.ci/e2e/import_outline.py"
VIZTRACER=${VIZTRACER:-$(command -v viztracer || echo /tmp/flowtrace-ci-venv/bin/viztracer)}
TMP=$(mktemp -d /tmp/ft-import-e2e.XXXXXX)
failed=0
trap 'e2e_stop; rm -rf "$TMP"' EXIT
same() {  # same A B: the two outlines are equal and not empty
  if [ -s "$1" ] && diff "$1" "$2" >"$TMP/diff"; then return 0; fi
  head -20 "$TMP/diff" >&2
  return 1
}
command -v uftrace >/dev/null || { echo "FAIL: uftrace is not installed"; exit 1; }
[ -x "$VIZTRACER" ] || { echo "FAIL: viztracer is not installed ($VIZTRACER)"; exit 1; }

# 1. uftrace, a C program built with -pg, arguments and return values recorded.
mkdir -p "$TMP/c" && cd "$TMP/c"
cat >fib.c <<'C'
#include <stdio.h>
int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int add(int a, int b) { return a + b; }
int main(void) { printf("%d\n", add(fib(6), 1)); return 0; }
C
gcc -pg -O0 -o fib fib.c
uftrace record -A 'fib@arg1' -A 'add@arg1,arg2' -R 'fib@retval' -R 'add@retval' ./fib >/dev/null
uftrace replay -f none | $OUTLINE uftrace >uftrace.txt
uftrace dump --chrome >trace.json 2>/dev/null
check "uftrace's Chrome JSON imports" "$BIN/flowtrace" import --from chrome trace.json -o c.ftrace
"$BIN/flowtrace" export c.ftrace --format jsonl >c.jsonl
$OUTLINE jsonl c.jsonl >imported.txt
check "the C program's tree matches uftrace replay ($(wc -l <uftrace.txt) calls)" same uftrace.txt imported.txt
check "arguments and return values came along" grep -q "add(8, 1) = 9" imported.txt
# The same uftrace.data directory read directly (no uftrace dump): records, maps, .sym files.
check "the uftrace.data directory imports directly" \
  "$BIN/flowtrace" import --from uftrace uftrace.data -o direct.ftrace
"$BIN/flowtrace" export direct.ftrace --format jsonl >direct.jsonl
$OUTLINE jsonl direct.jsonl >direct.txt
check "read directly, the C program's tree matches uftrace replay ($(wc -l <uftrace.txt) calls)" \
  same uftrace.txt direct.txt
check "arguments and return values read from the .dat file" grep -q "add(8, 1) = 9" direct.txt
check "return values of nested calls too" grep -q "^  fib(6) = 8$" direct.txt

# 2. uftrace, a Swift binary with no annotations (-P .): names demangled by the runtime.
mkdir -p "$TMP/swift" && cd "$TMP/swift"
cat >main.swift <<'S'
func fib(_ n: Int) -> Int { n < 2 ? n : fib(n - 1) + fib(n - 2) }
func greet(name: String, times: Int) -> Int { name.count * times }
print(fib(5) + greet(name: "ab", times: 3))
S
swiftc -Onone main.swift -o app 2>/dev/null
uftrace record -P . ./app >/dev/null
uftrace replay -f none | $OUTLINE uftrace --swift --keep main,fib,greet >uftrace.txt
uftrace dump --chrome >trace.json 2>/dev/null
"$BIN/flowtrace" import trace.json -o s.ftrace 2>/dev/null
"$BIN/flowtrace" export s.ftrace --format jsonl >s.jsonl
$OUTLINE jsonl s.jsonl --keep main,fib,greet >imported.txt
check "the Swift binary's tree matches uftrace replay ($(wc -l <uftrace.txt) calls)" same uftrace.txt imported.txt
check "Swift symbols read as Swift (fib, greet)" grep -q '"name":"greet"' s.jsonl
check "no mangled name of the program is left" test -z "$(grep -o '\$s3app[A-Za-z0-9_]*' s.jsonl)"
# The directory itself, found without --from; then a recording with Swift arguments.
"$BIN/flowtrace" import uftrace.data -o sd.ftrace 2>/dev/null
"$BIN/flowtrace" export sd.ftrace --format jsonl >sd.jsonl
$OUTLINE jsonl sd.jsonl --keep main,fib,greet >direct.txt
check "read directly, the Swift binary's tree matches uftrace replay" same uftrace.txt direct.txt
check "read directly, Swift symbols read as Swift" grep -q '"name":"greet"' sd.jsonl
check "read directly, no mangled name of the program is left" \
  test -z "$(grep -o '\$s3app[A-Za-z0-9_]*' sd.jsonl)"
uftrace record -d args.data -A 'fibyS2iF$@arg1' -R 'fibyS2iF$@retval' -P . ./app >/dev/null
uftrace replay -d args.data -f none | $OUTLINE uftrace --swift --keep main,fib,greet >uftrace-args.txt
"$BIN/flowtrace" import --from uftrace args.data -o sa.ftrace 2>/dev/null
"$BIN/flowtrace" export sa.ftrace --format jsonl >sa.jsonl
$OUTLINE jsonl sa.jsonl --keep main,fib,greet >direct-args.txt
check "Swift arguments and results (-A/-R on a mangled name) match uftrace replay" \
  same uftrace-args.txt direct-args.txt
check "fib(5) = 5 read from the Swift recording" grep -q "^  fib(5) = 5$" direct-args.txt

# 3. viztracer, a Python script, with and without arguments and return values.
mkdir -p "$TMP/py" && cd "$TMP/py"
cat >prog.py <<'P'
import threading
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def greet(name, times=1):
    return ("hi " + name) * times
def work():
    fib(5)
t = threading.Thread(target=work); t.start(); t.join()
fib(6); greet("x", times=2)
P
for mode in plain args; do
  extra=()
  [ "$mode" = args ] && extra=(--log_func_args --log_func_retval)
  "$VIZTRACER" --quiet "${extra[@]}" -o "$mode.json" prog.py
  $OUTLINE viztracer "$mode.json" >"viz-$mode.txt"
  "$BIN/flowtrace" import --from chrome "$mode.json" -o "$mode.ftrace" 2>/dev/null
  "$BIN/flowtrace" export "$mode.ftrace" --format jsonl >"$mode.jsonl"
  $OUTLINE jsonl "$mode.jsonl" >"imported-$mode.txt"
  check "viztracer ($mode) matches ($(wc -l <"viz-$mode.txt") calls)" same "viz-$mode.txt" "imported-$mode.txt"
done
check "viztracer's arguments and results came along" grep -q "greet(name: 'x', times: 2) = 'hi xhi x'" imported-args.txt

# 4. The viewer opens the JSON directly.
e2e_start "$BIN/flowtrace-tui $TMP/py/args.json"
check "flowtrace-tui FILE.json opens it" e2e_wait_for "MainThread"
e2e_keys / greet Enter
check "it shows the imported calls with arguments and results" \
  e2e_wait_for "greet(name: 'x', times: 2) → 'hi xhi x'"
e2e_stop

# 5. The viewer opens a uftrace.data directory directly.
e2e_start "$BIN/flowtrace-tui $TMP/c/uftrace.data"
check "flowtrace-tui DIR opens a uftrace.data directory" e2e_wait_for "main()"
e2e_keys / add Enter
check "it shows the C program's calls with arguments and results" e2e_wait_for "add(8, 1) → 9"
e2e_stop

# 6. A cut file: an error with the byte offset, never a partial tree in silence.
size=$(stat -c %s args.json)
head -c $((size / 2)) args.json >cut.json
out=$("$BIN/flowtrace" import --from chrome cut.json -o cut.ftrace 2>&1)
check "a cut file fails with a byte offset ($out)" grep -qE "cut.json: byte [0-9]+: (event: )?the file ends early" <<<"$out"

# 7. A cut .dat file: its valid prefix is read and the cut is named with its byte offset.
cp -r "$TMP/c/uftrace.data" cut.data
dat=$(ls cut.data/[0-9]*.dat | head -1)
truncate -s 1000 "$dat"
out=$("$BIN/flowtrace" import --from uftrace cut.data -o cutdir.ftrace 2>&1)
check "a cut .dat file is read up to the cut, which is named ($out)" \
  grep -qE "$(basename "$dat"): byte [0-9]+: the file ends inside" <<<"$out"
check "  and the calls before the cut are there" \
  test "$("$BIN/flowtrace" print cutdir.ftrace | grep -c fib)" -gt 5

[ "$failed" -eq 0 ]
