#!/usr/bin/env bash
# Sanitizer pass (issue 6): the runtime's concurrency and sink tests under ThreadSanitizer,
# the whole suite under AddressSanitizer. Separate scratch paths keep the normal build warm.
# Cold, on 2 cores: TSan build ~10 min, ASan build ~10 min; the runs take under a minute each.
#
#   .ci/sanitizers.sh [thread|address]...     (default: both)
#
# Known: Synchronization.Mutex on Linux waits on a futex that ThreadSanitizer does not model,
# so accesses under one Mutex from two threads are reported as races (a 15-line program with
# no race shows the same; see RELIABILITY.md). The TSan pass therefore covers the in-process
# concurrency tests and reports, without failing, what the sink child processes print.
set -uo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=enable=no
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(thread address)
failed=0
for kind in "${kinds[@]}"; do
  [ "$kind" = address ] && scratch=.build-asan
  [ "$kind" = thread ] && scratch=.build-tsan
  echo "== $kind: build"
  if ! swift build --build-tests --sanitize="$kind" --scratch-path "$scratch" >"$scratch.log" 2>&1; then
    tail -20 "$scratch.log" >&2
    failed=$((failed + 1))
    continue
  fi
  case $kind in
  thread)
    echo "== thread: ConcurrencyTests"
    TSAN_OPTIONS=halt_on_error=1 swift test --skip-build --sanitize=thread --scratch-path "$scratch" \
      --filter 'ConcurrencyTests' >"$scratch-run.log" 2>&1 || {
      grep -E 'WARNING: ThreadSanitizer|SUMMARY|✘' "$scratch-run.log" | head -20 >&2
      failed=$((failed + 1))
    }
    ;;
  address)
    echo "== address: whole suite"
    ASAN_OPTIONS=detect_leaks=0 swift test --skip-build --sanitize=address --scratch-path "$scratch" \
      >"$scratch-run.log" 2>&1 || {
      grep -E 'ERROR: AddressSanitizer|SUMMARY|✘' "$scratch-run.log" | head -20 >&2
      failed=$((failed + 1))
    }
    ;;
  esac
  tail -1 "$scratch-run.log"
done
[ "$failed" -eq 0 ]
