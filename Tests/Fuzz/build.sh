#!/usr/bin/env bash
# Builds the libFuzzer targets (-sanitize=fuzzer,address) against the package's sources.
#
#   Tests/Fuzz/build.sh [OUT]        (default OUT: .build/fuzz)
#
# Each module is compiled by swiftc into a static library with coverage and ASan, then each
# target (Tests/Fuzz/Fuzz*.swift, an LLVMFuzzerTestOneInput) is linked with libFuzzer's main.
# Targets: fuzz-decoder (binary decoder -> CallTree), fuzz-jsonl (JSON Lines importer),
# fuzz-filter (filter language), fuzz-theme (theme parser + sanitiser); plus seed-traces,
# which writes the seed corpora (uninstrumented).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/.build/fuzz}
mkdir -p "$out"
flags=(-sanitize=fuzzer,address -Onone -g -swift-version 6 -parse-as-library)
export SWIFT_BACKTRACE=enable=no

# module NAME SOURCE_DIR [extra swiftc args...]
module() {
  local name=$1 dir=$2
  shift 2
  local sources
  mapfile -t sources < <(find "$root/$dir" -name '*.swift' | sort)
  swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$out/$name.swiftmodule" \
    -emit-library -static -o "$out/lib$name.a" -I "$out" "$@" "${sources[@]}" 2>&1 |
    grep -v 'Cannot export local symbol' || true
  [ -f "$out/lib$name.a" ] || { echo "build.sh: $name failed" >&2; exit 1; }
}

# target NAME SOURCE LIBS...
target() {
  local name=$1 source=$2
  shift 2
  local libs=()
  for lib in "$@"; do libs+=("$out/lib$lib.a"); done
  swiftc "${flags[@]}" -package-name flowtrace -I "$out" -I "$root/Sources/CNcursesw" \
    "$root/Tests/Fuzz/$source" \
    "${libs[@]}" -lncursesw -o "$out/$name" 2>&1 | grep -v 'Cannot export local symbol' || true
  [ -x "$out/$name" ] || { echo "build.sh: $name failed" >&2; exit 1; }
}

rm -f "$out"/*.a "$out"/fuzz-* "$out/seed-traces"
# One package name, as SwiftPM gives the package's targets: `package` declarations (the
# wire's framing scan, the viewer's API) are visible across these modules and to the targets.
module FlowTraceWire Sources/FlowTraceWire -package-name flowtrace
module FlowTraceText Sources/FlowTraceText -package-name flowtrace
module FlowTraceExplorer Sources/FlowTraceExplorer -package-name flowtrace
module FlowTraceSystem Sources/FlowTraceSystem -package-name flowtrace
module FlowTraceTUI Sources/FlowTraceTUI -I "$root/Sources/CNcursesw" -package-name flowtrace
target fuzz-decoder FuzzDecoder.swift FlowTraceExplorer FlowTraceText FlowTraceWire
target fuzz-jsonl FuzzJSONLines.swift FlowTraceWire
target fuzz-filter FuzzFilter.swift FlowTraceExplorer FlowTraceText FlowTraceWire
target fuzz-theme FuzzTheme.swift FlowTraceTUI FlowTraceSystem FlowTraceExplorer FlowTraceText \
  FlowTraceWire
swiftc -swift-version 6 -parse-as-library -I "$out" "$root/Tests/Fuzz/SeedTraces.swift" \
  "$out/libFlowTraceWire.a" -o "$out/seed-traces" -sanitize=address 2>&1 |
  grep -v 'Cannot export local symbol' || true
[ -x "$out/seed-traces" ] || { echo "build.sh: seed-traces failed" >&2; exit 1; }
echo "fuzz targets in $out"
