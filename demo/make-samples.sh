#!/usr/bin/env bash
# Regenerates the sample traces in demo/samples/ from the demo program:
#   examples.ftrace   `flowtrace-demo examples` recorded through FLOWTRACE_OUT (binary)
#   examples.jsonl    the same trace exported as JSON Lines (`flowtrace export`)
#   examples.txt      what the demo printed itself (autoPrint), for comparisons
#   fib.ftrace/.jsonl `flowtrace-demo fib`: the issue's first program, one fib(3) tree
# Timestamps, thread ids and the order of concurrent calls differ from run to run; the
# structure does not (Tests/FlowTraceTUITests/DemoSampleTests.swift checks it).
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product flowtrace-demo >/dev/null
swift build --product flowtrace >/dev/null
bin="$(swift build --show-bin-path)"
out=demo/samples
mkdir -p "$out"

record() { # record NAME ARGS...: binary trace, JSON Lines export, the demo's own output
  local name=$1
  shift
  rm -f "$out/$name.ftrace"
  # exec -a: the header's program field says "flowtrace-demo", not this machine's build path.
  (FLOWTRACE_OUT="$out/$name.ftrace" exec -a flowtrace-demo "$bin/flowtrace-demo" "$@") >"$out/$name.txt"
  "$bin/flowtrace" export "$out/$name.ftrace" --format jsonl -o "$out/$name.jsonl"
}

record examples examples
record fib fib
ls -l "$out"
