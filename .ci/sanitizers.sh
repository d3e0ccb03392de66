#!/usr/bin/env bash
# Sanitizer pass (issue 6): the runtime's concurrency and sink tests under ThreadSanitizer,
# the whole suite under AddressSanitizer. Separate scratch paths keep the normal build warm.
# Cold, on 2 shared cores: TSan build ~10 min, ASan build ~10 min; the runs take under a
# minute each. Every runtime lock is a pthread mutex (`Locked`), which TSan intercepts, so the
# TSan pass gates: halt_on_error=1, and any report, in the test process or in a traced child
# (the sink tests spawn `flowtrace-testee`, built with TSan too), fails it.
#
#   .ci/sanitizers.sh [thread|address]...     (default: both)
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
    # The concurrency tests' async functions and MacroShapes* are real `@Trace` expansions
    # (task groups, async let, actors, typed throws), so TSan sees what users compile; the
    # value tests cover texts kept per thread and values rendered on either thread.
    echo "== thread: Concurrency, Error, MacroShapes, Sink, SocketLoss, ThreadLife, … tests"
    TSAN_OPTIONS=halt_on_error=1 swift test --skip-build --sanitize=thread --scratch-path "$scratch" \
      --filter 'RuntimeSuite/(ConcurrencyTests|ErrorTests|MacroShapesTests|MacroShapesRecordTests|SinkTests|SocketLossTests|RobustSinkConcurrencyTests|PlainRunTests|ThreadLifeTests|AutoPrintTests|RenderNowTests|KeptValueTests)/|ValueTextsTests|TextMemoTests' \
      >"$scratch-run.log" 2>&1
    status=$?
    # A child's report only shows as its exit status 66 where a test checks it: read the log.
    if [ "$status" -ne 0 ] || grep -qE '(WARNING|ERROR): ThreadSanitizer' "$scratch-run.log"; then
      grep -E 'ThreadSanitizer|SUMMARY|✘' "$scratch-run.log" | head -20 | cut -c1-300 >&2
      failed=$((failed + 1))
    elif ! grep -qE 'Test run with [1-9][0-9]* tests' "$scratch-run.log"; then
      echo "thread: no test ran" >&2
      failed=$((failed + 1))
    fi
    ;;
  address)
    echo "== address: whole suite"
    ASAN_OPTIONS=detect_leaks=0 swift test --skip-build --sanitize=address --scratch-path "$scratch" \
      >"$scratch-run.log" 2>&1
    status=$?
    if [ "$status" -ne 0 ] || grep -qE 'ERROR: AddressSanitizer' "$scratch-run.log"; then
      grep -E 'AddressSanitizer|SUMMARY|✘' "$scratch-run.log" | head -20 | cut -c1-300 >&2
      failed=$((failed + 1))
    fi
    ;;
  esac
  grep -E 'Test run with|^Executed' "$scratch-run.log" | tail -1
done
[ "$failed" -eq 0 ]
