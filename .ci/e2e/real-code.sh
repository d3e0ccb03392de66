#!/usr/bin/env bash
# End-to-end (issue 10): real libraries from the package mirror with @TraceAll on every type
# and extension, built and run through their own test suites untraced and traced. The same
# tests must pass, each trace must decode and hold calls with readable names. Nothing of the
# libraries is committed: they are cloned from the mirror into .build-realcode/ each run.
# FLOWTRACE_PACKAGE picks the FlowTrace package to test (default: this repository);
# arguments name libraries of .ci/real-code/libraries.txt (default: all).
set -euo pipefail
cd "$(dirname "$0")/../.."
# Under CI (CI=true) the libraries marked ci=no are left out unless REALCODE_SCOPE says all.
[ "${CI:-}" = true ] && export REALCODE_SCOPE=${REALCODE_SCOPE:-ci}
PYTHONDONTWRITEBYTECODE=1 exec python3 .ci/real-code/corpus.py "$@"
