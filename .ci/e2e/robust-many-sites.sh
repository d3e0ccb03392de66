#!/usr/bin/env bash
# 100,000 distinct call sites on the runtime side (issue 6). Tests/Fuzz/ManySites.swift is
# compiled with a generated table of 100,000 site literals (one StaticString each, as a
# `@Trace` expansion passes; docs/MACRO-ABI.md) against the debug build's FlowTrace objects,
# then calls every site twice while recording to a file and streaming to a socket at once.
# Both are read back: every name once as a site, 200,000 calls, nothing lost; and memory
# stays bounded: the sites cost tens of MB, more rounds over the same sites add nothing.
# Cost: the 100,000-literal table compiles in ~15 s of CPU.
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=${E2E_BIN:-$(swift build --show-bin-path)}
flowtrace=$bin/flowtrace
tmp=$(mktemp -d)
listener=
trap '[ -n "$listener" ] && kill "$listener" 2>/dev/null; rm -rf "$tmp"' EXIT
export SWIFT_BACKTRACE=enable=no
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
sites=100000

# The program: the driver plus one literal per site ("Gen.fN\t_\tGen/Sites.swift\tN+1").
{
  echo 'let sites: [StaticString] = ['
  seq 0 $((sites - 1)) | awk '{ printf "  \"Gen.f%d\\t_\\tGen/Sites.swift\\t%d\",\n", $1, $1 + 1 }'
  echo ']'
} >"$tmp/Sites.swift"
objects=()
while IFS= read -r object; do
  case $object in */flowtrace_testee.build/*) ;; *) objects+=("$object") ;; esac
done <"$bin/flowtrace-testee.product/Objects.LinkFileList"
start=$(date +%s)
if ! swiftc -Onone -swift-version 6 -parse-as-library -module-name ManySites \
  -I "$bin/Modules" -Xcc -fmodule-map-file="$bin/CFlowTraceRuntime.build/module.modulemap" \
  -Xcc -I -Xcc Sources/CFlowTraceRuntime/include \
  Tests/Fuzz/ManySites.swift "$tmp/Sites.swift" "${objects[@]}" -o "$tmp/many-sites" \
  >"$tmp/build.log" 2>&1; then
  fail "the 100,000-site program did not build: $(grep -m3 error "$tmp/build.log")"
  exit 1
fi
ok "100,000 site literals compiled and linked in $(($(date +%s) - start)) s"

# A viewer that keeps whatever the program streams.
python3 - "$tmp/viewer.sock" "$tmp/streamed.ftrace" <<'EOF' &
import socket, sys
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(sys.argv[1])
server.listen(1)
server.settimeout(120)
client, _ = server.accept()
client.settimeout(120)
with open(sys.argv[2], "wb") as out:
    while True:
        chunk = client.recv(1 << 16)
        if not chunk:
            break
        out.write(chunk)
EOF
listener=$!
for _ in $(seq 50); do [ -S "$tmp/viewer.sock" ] && break; sleep 0.1; done

# run NAME ROUNDS [ENV...] — runs the program; sets `rss` to its max RSS in KiB. Called in
# this shell (never inside `$(…)`, where `fail` would count in a subshell and be lost); a
# crash, a non-zero exit or a missing figure fails, and `rss` is then 0 (never empty).
run() {
  local name=$1 rounds=$2 status
  shift 2
  rss=0
  env FLOWTRACE_PRINT=0 "$@" "$tmp/many-sites" "$rounds" >"$tmp/$name.out" 2>"$tmp/$name.err"
  status=$?
  if [ "$status" -ne 0 ]; then
    fail "$name: the program exited $status: $(head -3 "$tmp/$name.err")"
    return
  fi
  rss=$(sed -nE 's/.*maxrss_kb ([0-9]+).*/\1/p' "$tmp/$name.out")
  case $rss in
  '' | *[!0-9]*)
    fail "$name: no max RSS figure in its output: $(head -3 "$tmp/$name.out")"
    rss=0
    ;;
  esac
}
run traced 2 FLOWTRACE_OUT="$tmp/recorded.ftrace" FLOWTRACE_SOCKET="$tmp/viewer.sock"
traced=$rss
wait "$listener"
listener=
[ -s "$tmp/traced.err" ] && fail "the traced program said: $(head -3 "$tmp/traced.err")"

# Read back, from the file and from the stream: every call named by its own site (the
# argument N of Gen.fN), each site defined once (100,000 sites + 2 x 100,000 calls and
# returns + a thread + the end record), nothing lost. A stream may drop under pressure, but
# only counted: then its calls + losses must still make 200,000.
check() {  # check NAME
  local trace=$1 calls misnamed distinct events lost
  if ! "$flowtrace" print "$tmp/$trace.ftrace" >"$tmp/$trace.tree" 2>"$tmp/$trace.perr" ||
    ! "$flowtrace" stats "$tmp/$trace.ftrace" >"$tmp/$trace.stats" 2>&1; then
    fail "$trace: not readable: $(cat "$tmp/$trace.perr" "$tmp/$trace.stats" | head -3)"
    return
  fi
  calls=$(grep -c '^→ ' "$tmp/$trace.tree")
  misnamed=$(grep '^→ ' "$tmp/$trace.tree" | grep -cvE '^→ Gen\.f([0-9]+)\(\1\)$')
  distinct=$(grep '^→ ' "$tmp/$trace.tree" | sort -u | wc -l)
  events=$(sed -nE 's/^events +([0-9]+).*/\1/p' "$tmp/$trace.stats")
  lost=$(sed -nE 's/^lost +([0-9]+).*/\1/p' "$tmp/$trace.stats")
  if [ "$misnamed" -ne 0 ]; then
    fail "$trace: $misnamed calls not named by their own site, e.g. $(grep '^→ ' "$tmp/$trace.tree" |
      grep -vE '^→ Gen\.f([0-9]+)\(\1\)$' | head -2 | tr '\n' ' ')"
  elif [ "$trace" = streamed ] && [ "${lost:-0}" -gt 0 ] && [ $((calls + lost)) -eq $((2 * sites)) ]; then
    ok "$trace: $calls calls of $distinct functions, each named right; $lost lost, counted"
  elif [ "$calls" -ne $((2 * sites)) ] || [ "$distinct" -ne "$sites" ] || [ "$lost" != 0 ] ||
    [ "$events" != $((5 * sites + 2)) ]; then
    fail "$trace: $calls calls (want $((2 * sites))) of $distinct functions (want $sites)," \
      "$events events (want $((5 * sites + 2))), lost $lost"
  else
    ok "$trace: $calls calls of $distinct functions, each named right, each site defined once, nothing lost"
  fi
}
check recorded
check streamed

# Memory: untraced baseline, traced (file sink) with 2 and with 8 rounds over the same sites.
run plain 2
plain=$rss
run two 2 FLOWTRACE_OUT="$tmp/two.ftrace"
two=$rss
run eight 8 FLOWTRACE_OUT="$tmp/eight.ftrace"
eight=$rss
echo "max RSS: untraced $((plain / 1024)) MB; file+socket $((traced / 1024)) MB;" \
  "file, 2 rounds $((two / 1024)) MB, 8 rounds $((eight / 1024)) MB"
if [ "$plain" -eq 0 ] || [ "$two" -eq 0 ] || [ "$eight" -eq 0 ]; then
  fail "memory not measured (a run above failed)"
elif [ $((two - plain)) -gt $((256 * 1024)) ]; then
  fail "100,000 sites cost $(((two - plain) / 1024)) MB (more than 256 MB)"
elif [ $((eight - two)) -gt $((16 * 1024)) ]; then
  fail "600,000 more calls over the same sites grew memory by $(((eight - two) / 1024)) MB"
else
  ok "memory bounded: sites cost $(((two - plain) / 1024)) MB; 4x the calls add $(((eight - two) / 1024)) MB"
fi

[ "$failures" -eq 0 ] && echo "robust-many-sites: all passed"
[ "$failures" -eq 0 ]
