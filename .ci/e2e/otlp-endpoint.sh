#!/usr/bin/env bash
# OTLP/HTTP export (issue 12): `flowtrace export --otlp-endpoint` against a real receiver on
# 127.0.0.1 (built on opentelemetry-proto, .ci/otlp/otlp_check.py): the spans received equal
# the file export; a receiver that starts late is reached by the retries; with nothing
# listening the command fails with one clear line. ~10 s after the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
py="$(bash .ci/otlp/venv.sh)"
swift build --product flowtrace >/dev/null
bin="$(swift build --show-bin-path)"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
trace=demo/samples/examples.ftrace
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { for _ in $(seq 100); do [ -s "$1" ] && return 0; sleep 0.1; done; echo "FAIL: receiver did not start"; exit 1; }

# 1. Spans received = the file export (several batches).
port=$(free_port)
"$py" .ci/otlp/otlp_check.py receive "$port" "$work/got.jsonl" "$work/ready" &
pids+=($!)
wait_ready "$work/ready"
"$bin/flowtrace" export "$trace" --otlp-endpoint "http://127.0.0.1:$port" --batch-size 7 2>"$work/err"
cat "$work/err"
grep -q "sent 46 spans in 7 batches" "$work/err" || { echo "FAIL: unexpected summary"; exit 1; }
"$bin/flowtrace" export "$trace" --format otlp --batch-size 7 -o "$work/file.jsonl"
"$py" .ci/otlp/otlp_check.py same "$work/file.jsonl" "$work/got.jsonl"

# 2. A receiver that comes up after the first attempt: the retries reach it.
port=$(free_port)
rm -f "$work/late.jsonl" "$work/ready2"
"$bin/flowtrace" export "$trace" --otlp-endpoint "http://127.0.0.1:$port/v1/traces" 2>"$work/err2" &
exporter=$!
sleep 0.3
"$py" .ci/otlp/otlp_check.py receive "$port" "$work/late.jsonl" "$work/ready2" &
pids+=($!)
wait "$exporter" || { echo "FAIL: export to a late receiver failed:"; cat "$work/err2"; exit 1; }
"$bin/flowtrace" export "$trace" --format otlp -o "$work/file2.jsonl"
"$py" .ci/otlp/otlp_check.py same "$work/file2.jsonl" "$work/late.jsonl"

# 3. Nothing listens: exit status 1 and one line saying so.
port=$(free_port)
if "$bin/flowtrace" export "$trace" --otlp-endpoint "http://127.0.0.1:$port" 2>"$work/err3"; then
  echo "FAIL: export to a closed port succeeded"; exit 1
fi
cat "$work/err3"
[ "$(wc -l <"$work/err3")" -eq 1 ] || { echo "FAIL: expected one line"; exit 1; }
grep -q "connection refused (is an OTLP receiver listening?)" "$work/err3" || exit 1
# 4. Not loopback: refused before any connection.
if "$bin/flowtrace" export "$trace" --otlp-endpoint "http://10.1.2.3:4318" 2>"$work/err4"; then
  echo "FAIL: a non-loopback endpoint was accepted"; exit 1
fi
grep -q "only loopback hosts" "$work/err4" || { cat "$work/err4"; exit 1; }
echo "otlp-endpoint: ok"
