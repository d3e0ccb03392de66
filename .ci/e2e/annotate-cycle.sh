#!/usr/bin/env bash
# Issue 10: `flowtrace annotate` on a program whose @TraceAll declarations the compiler cannot
# take (its request cycle, swiftlang/swift #78154). The program first fails to build as
# written; after `flowtrace annotate` it builds, runs, and its trace holds the calls of every
# rewritten member. Then: running again changes nothing, `--check` passes, a member added
# later makes `--check` fail and is traced after one more run, `--dry-run` prints a diff and
# writes nothing, FILE:LINE expands one declaration of any shape.
# `flowtrace annotate` runs `flowtrace-annotate`. Builds with swiftc against this package's
# debug build (`swift build` first).
set -uo pipefail
cd "$(dirname "$0")/../.."
BIN=$(swift build --show-bin-path)
FT="$BIN/flowtrace"
TMP=$(mktemp -d /tmp/ft-annotate-e2e.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
failed=0
pass() { echo "ok: $1"; }
fail() { echo "FAIL: $*"; failed=1; }
for needed in "$FT" "$BIN/flowtrace-annotate" "$BIN/FlowTraceMacros-tool" "$BIN/Modules/FlowTrace.swiftmodule"; do
  [ -e "$needed" ] || { echo "FAIL: $needed missing (swift build first)"; exit 1; }
done

mkdir -p "$TMP/src"
cat >"$TMP/src/Extensions.swift" <<'EOF'
import FlowTrace

@TraceAll extension Array where Element == Int {
  func total() -> Int { reduce(0, +) }
  init(countingTo n: Int) { self.init(1...n) }
  @NoTrace func untracedSum() -> Int { reduce(0, +) }
  var doubled: [Int] { map { $0 * 2 } }
}

@TraceAll(showResult: false) extension Set where Element == Character {
  func vowelCount() -> Int { filter { "aeiou".contains($0) }.count }
}

@TraceAll struct Counter {
  var value = 0
  mutating func bump() -> Int { value += 1; return value }
}
EOF
cat >"$TMP/src/main.swift" <<'EOF'
import FlowTrace

var counter = Counter()
print([Int](countingTo: 4).total(), Set("flowtrace").vowelCount(), counter.bump(), [5].untracedSum())
EOF

# build: compiles and links src/*.swift against the package's FlowTrace build.
build() {
  local objects
  objects=$(ls "$BIN"/FlowTrace.build/*.o "$BIN"/FlowTraceWire.build/*.o "$BIN"/FlowTraceText.build/*.o \
    "$BIN"/FlowTraceSystem.build/*.o "$BIN"/CFlowTraceRuntime.build/*.o)
  # shellcheck disable=SC2086
  swiftc -swift-version 6 -module-name App -I "$BIN/Modules" \
    -Xcc -fmodule-map-file="$BIN/CFlowTraceRuntime.build/module.modulemap" \
    -load-plugin-executable "$BIN/FlowTraceMacros-tool#FlowTraceMacros" \
    "$TMP"/src/*.swift $objects -o "$TMP/app" >"$TMP/build.log" 2>&1
}

if build; then
  fail "the program builds with @TraceAll on the constrained extensions (the cycle is gone?)"
elif grep -qE "circular reference|self-referential generic requirements" "$TMP/build.log"; then
  pass "as written, the build fails with the compiler's cycle"
else
  fail "the build failed for another reason:"; head -20 "$TMP/build.log"
fi

cp "$TMP/src/Extensions.swift" "$TMP/original.swift"
if "$FT" annotate "$TMP/src" >"$TMP/annotate.out" 2>&1 \
  && grep -q "Extensions.swift:3: extension Array where Element == Int: @TraceAll -> @Trace on 2 members" "$TMP/annotate.out" \
  && grep -q "Extensions.swift:10: extension Set where Element == Character: @TraceAll(showResult: false) -> @Trace on 1 member" "$TMP/annotate.out" \
  && ! grep -q "Counter" "$TMP/annotate.out"; then
  pass "flowtrace annotate expands the two constrained extensions only"
else
  fail "flowtrace annotate output:"; cat "$TMP/annotate.out"
fi
if grep -q '^/\* flowtrace annotate: @TraceAll \*/ extension Array where Element == Int {$' "$TMP/src/Extensions.swift" \
  && grep -q '^  @Trace func total()' "$TMP/src/Extensions.swift" \
  && grep -q '^  @Trace init(countingTo' "$TMP/src/Extensions.swift" \
  && grep -q '^  @NoTrace func untracedSum' "$TMP/src/Extensions.swift" \
  && grep -q '^  @Trace(showResult: false) func vowelCount' "$TMP/src/Extensions.swift" \
  && grep -q '^@TraceAll struct Counter' "$TMP/src/Extensions.swift" \
  && [ "$(wc -l <"$TMP/src/Extensions.swift")" = "$(wc -l <"$TMP/original.swift")" ]; then
  pass "each eligible member carries @Trace with the same arguments; lines kept"
else
  fail "rewritten file:"; cat "$TMP/src/Extensions.swift"
fi

if build && FLOWTRACE_OUT="$TMP/run.ftrace" "$TMP/app" >"$TMP/run.out" 2>"$TMP/run.err" \
  && [ "$(tail -1 "$TMP/run.out")" = "10 3 1 5" ]; then
  pass "the annotated program builds and runs as before"
else
  fail "annotated build or run:"; head -20 "$TMP/build.log" "$TMP/run.out" "$TMP/run.err"
fi
"$FT" print "$TMP/run.ftrace" >"$TMP/trace.txt" 2>&1
if grep -q "Array.init(countingTo: 4)" "$TMP/trace.txt" && grep -q "Array.total() → 10" "$TMP/trace.txt" \
  && grep -q "Set.vowelCount()" "$TMP/trace.txt" && grep -q "Counter.bump() → 1" "$TMP/trace.txt" \
  && ! grep -q "untracedSum" "$TMP/trace.txt"; then
  pass "the trace holds every expanded member's calls (and not the @NoTrace one)"
else
  fail "trace:"; cat "$TMP/trace.txt"
fi

before=$(md5sum "$TMP/src/Extensions.swift")
if "$FT" annotate "$TMP/src" >"$TMP/again.out" 2>&1 && [ ! -s "$TMP/again.out" ] \
  && [ "$before" = "$(md5sum "$TMP/src/Extensions.swift")" ] \
  && "$FT" annotate --check "$TMP/src" >/dev/null 2>&1; then
  pass "running again changes nothing; --check passes"
else
  fail "second run:"; cat "$TMP/again.out"
fi

sed -i 's|^  var doubled|  func last2() -> [Int] { Array(suffix(2)) }\n  var doubled|' "$TMP/src/Extensions.swift"
"$FT" annotate --check "$TMP/src" >"$TMP/check.out" 2>&1
status=$?
if [ $status = 1 ] && grep -q "Extensions.swift:3: extension Array where Element == Int: @Trace on 1 new member" "$TMP/check.out" \
  && ! grep -q "@Trace func last2" "$TMP/src/Extensions.swift"; then
  pass "--check exits 1 and names the declaration with a member added since (writes nothing)"
else
  fail "--check (status $status):"; cat "$TMP/check.out"
fi
"$FT" annotate --dry-run "$TMP/src" >"$TMP/diff.out" 2>&1
if grep -q '^-  func last2() -> \[Int\] { Array(suffix(2)) }$' "$TMP/diff.out" \
  && grep -q '^+  @Trace func last2() -> \[Int\] { Array(suffix(2)) }$' "$TMP/diff.out" \
  && grep -q '^@@ ' "$TMP/diff.out" && ! grep -q "@Trace func last2" "$TMP/src/Extensions.swift"; then
  pass "--dry-run prints a unified diff and writes nothing"
else
  fail "--dry-run:"; cat "$TMP/diff.out"
fi
"$FT" annotate "$TMP/src" >/dev/null 2>&1
if grep -q "@Trace func last2" "$TMP/src/Extensions.swift" && build; then
  pass "the added member is traced after one more run, and it builds"
else
  fail "refresh:"; head -20 "$TMP/build.log"
fi

if "$FT" annotate "$TMP/src/Extensions.swift:15:3" >"$TMP/line.out" 2>&1 \
  && grep -q "Extensions.swift:15: struct Counter: @TraceAll -> @Trace on 1 member" "$TMP/line.out" \
  && grep -q '^  @Trace mutating func bump' "$TMP/src/Extensions.swift"; then
  pass "FILE:LINE:COLUMN expands the declaration holding that line, whatever its shape"
else
  fail "FILE:LINE:"; cat "$TMP/line.out"
fi
"$FT" annotate "$TMP/missing.swift:3" >"$TMP/bad.out" 2>&1
status=$?
if [ $status != 0 ] && [ "$(wc -l <"$TMP/bad.out")" -le 3 ] && grep -q "missing.swift" "$TMP/bad.out"; then
  pass "a missing file is a short error naming it"
else
  fail "missing file (status $status):"; cat "$TMP/bad.out"
fi
printf 'import FlowTrace\n@TraceAll extension A where B: C { func f( }\n' >"$TMP/bad.swift"
"$FT" annotate "$TMP/bad.swift" >"$TMP/bad.out" 2>&1
status=$?
if [ $status = 2 ] && grep -q "bad.swift: does not parse (first error near line 2)" "$TMP/bad.out"; then
  pass "a file that does not parse is left alone with a one-line error (exit 2)"
else
  fail "unparsable file (status $status):"; cat "$TMP/bad.out"
fi
exit $failed
