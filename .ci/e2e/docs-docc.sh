#!/usr/bin/env bash
# The FlowTrace DocC catalog (Sources/FlowTrace/FlowTrace.docc) compiles against the module's
# public symbols with warnings as errors: a link to a symbol that was renamed or removed, or
# an article that names a missing one, fails here. Uses the debug build's module (no rebuild).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --target FlowTrace >/dev/null 2>&1 || { echo "FAIL: FlowTrace did not build"; exit 1; }
bin="$(swift build --show-bin-path)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/symbols"
swift-symbolgraph-extract -module-name FlowTrace -I "$bin/Modules" \
  -target "$(uname -m)-unknown-linux-gnu" -output-dir "$work/symbols" -minimum-access-level public \
  -Xcc -fmodule-map-file="$bin/CFlowTraceRuntime.build/module.modulemap"
[ -s "$work/symbols/FlowTrace.symbols.json" ] || { echo "FAIL: no symbol graph"; exit 1; }
docc convert Sources/FlowTrace/FlowTrace.docc --additional-symbol-graph-dir "$work/symbols" \
  --output-path "$work/site" --fallback-display-name FlowTrace \
  --fallback-bundle-identifier org.flowtrace.FlowTrace --warnings-as-errors >"$work/docc.log" 2>&1 \
  || { echo "FAIL: docc reported problems:"; grep -E "error|warning" "$work/docc.log" | head -20; exit 1; }
for page in gettingstarted choosinghowvaluesappear traceall\(showargs:showresult:showtiming:\); do
  [ -s "$work/site/data/documentation/flowtrace/$page.json" ] || { echo "FAIL: page $page missing"; exit 1; }
done
echo "docs: the FlowTrace catalog builds without a warning"
