#!/usr/bin/env bash
# Short fuzzing pass for CI: builds the libFuzzer targets and runs each for a slice of
# FUZZ_SECONDS (default 60 s in total) from the committed seed corpus. Fails on any crash,
# leak or sanitizer report; the crashing input is left in .build/fuzz/artifacts/.
#
#   .ci/fuzz.sh [TARGET...]     (default: all four)
set -euo pipefail
cd "$(dirname "$0")/.."
total=${FUZZ_SECONDS:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(decoder jsonl filter theme)
out=.build/fuzz
Tests/Fuzz/build.sh "$out" >/dev/null
export SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
per=$((total / ${#targets[@]}))
mkdir -p "$out/artifacts"
failed=0
for name in "${targets[@]}"; do
  work="$out/corpus-$name"  # grows across runs; the seeds stay untouched
  mkdir -p "$work"
  echo "== fuzz-$name (${per}s)"
  if "$out/fuzz-$name" -max_total_time="$per" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$out/artifacts/$name-" \
    "$work" "Tests/Fuzz/corpus/$name" >"$out/fuzz-$name.log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$out/fuzz-$name.log" | tail -2
  else
    failed=$((failed + 1))
    echo "FAIL: fuzz-$name found a crash; log:" >&2
    grep -E 'ERROR|Fatal|panic|SUMMARY|Test unit written' "$out/fuzz-$name.log" | head -20 >&2
  fi
done
[ "$failed" -eq 0 ]
