#!/usr/bin/env bash
# OTLP/JSON export (issue 12): `flowtrace export --format otlp` of real recordings (the demo
# program's sample traces and a fresh recording), every line parsed into TracesData by the real
# opentelemetry-proto definitions; one span per call, every parent present, ERROR status exactly
# where calls threw; ids stable (two exports of one file are identical). ~5 s after the build
# (+ ~20 s once to create the venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
py="$(bash .ci/otlp/venv.sh)"
swift build --product flowtrace >/dev/null
swift build --product flowtrace-demo >/dev/null
bin="$(swift build --show-bin-path)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

FLOWTRACE_OUT="$work/fresh.ftrace" FLOWTRACE_PRINT=0 "$bin/flowtrace-demo" examples >/dev/null
for trace in demo/samples/examples.ftrace demo/samples/fib.ftrace "$work/fresh.ftrace"; do
  echo "-- $trace"
  "$bin/flowtrace" export "$trace" --format otlp -o "$work/a.otlp.jsonl"
  "$bin/flowtrace" export "$trace" --format otlp --batch-size 5 -o "$work/b.otlp.jsonl"
  "$bin/flowtrace" export "$trace" --format jsonl -o "$work/events.jsonl"
  "$py" .ci/otlp/otlp_check.py validate "$work/a.otlp.jsonl" "$work/events.jsonl"
  "$py" .ci/otlp/otlp_check.py validate "$work/b.otlp.jsonl" "$work/events.jsonl"
  "$bin/flowtrace" export "$trace" --format otlp -o "$work/again.otlp.jsonl"
  cmp "$work/a.otlp.jsonl" "$work/again.otlp.jsonl" || { echo "FAIL: ids not stable"; exit 1; }
done
lines=$(wc -l <"$work/b.otlp.jsonl")
[ "$lines" -gt 1 ] || { echo "FAIL: --batch-size 5 wrote $lines line(s)"; exit 1; }
grep -q '"status":{"code":2' "$work/a.otlp.jsonl" || { echo "FAIL: no error status"; exit 1; }
echo "otlp-file: ok"
