#!/usr/bin/env bash
# Prints the path of a Python with the real OpenTelemetry protobuf definitions
# (opentelemetry-proto + protobuf from PyPI), creating the venv on first use.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv="${OTLP_VENV:-.build/otlp-venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import opentelemetry.proto, google.protobuf' 2>/dev/null; then
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
    apt-get update >&2 && apt-get install -y python3-venv >&2
  fi
  rm -rf "$venv"
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet opentelemetry-proto protobuf >&2
fi
echo "$venv/bin/python"
