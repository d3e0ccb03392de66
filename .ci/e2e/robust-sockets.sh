#!/usr/bin/env bash
# Bad socket paths (issue 6), on both ends: the viewer (flowtrace-tui --listen) refuses each
# with a one-line reason and touches nothing; the traced program (FLOWTRACE_SOCKET) runs on
# unharmed and says so when the path can never work.
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=${E2E_BIN:-$(swift build --show-bin-path)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SWIFT_BACKTRACE=enable=no
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

long="$tmp/$(printf 'x%.0s' $(seq 120))/s.sock"
mkdir -p "$(dirname "$long")"
echo "keep me" >"$tmp/regular.sock"
ln -s "$tmp/target.sock" "$tmp/link.sock"

# viewer PATH EXPECTED-TEXT NAME
viewer() {
  local out status
  out=$(timeout 10 "$bin/flowtrace-tui" --listen "$1" </dev/null 2>&1)
  status=$?
  if [ "$status" -eq 0 ] || [ "$status" -eq 124 ]; then
    fail "viewer, $3: not refused (status $status)"
  elif ! grep -qF -- "$2" <<<"$out"; then
    fail "viewer, $3: unclear message: $out"
  else
    ok "viewer, $3: $(head -1 <<<"$out")"
  fi
}
viewer "$long" "path too long" "path too long"
viewer "$tmp/missing/s.sock" "does not exist" "missing directory"
viewer "$tmp/regular.sock" "regular file, not a socket" "regular file in the way"
viewer "$tmp/link.sock" "symbolic link, not a socket" "symlink in the way"
[ "$(cat "$tmp/regular.sock")" = "keep me" ] || fail "the regular file was changed"
[ -e "$tmp/target.sock" ] && fail "the symlink was followed"

# program PATH NAME [EXPECTED-TEXT]
program() {
  local status
  FLOWTRACE_SOCKET="$1" timeout 20 "$bin/flowtrace-demo" fib >"$tmp/out" 2>"$tmp/err"
  status=$?
  if [ "$status" -ne 0 ] || ! grep -qF 'fib(3)' "$tmp/out"; then
    fail "program, $2: harmed (status $status)"
  elif [ -n "${3:-}" ] && ! grep -qF -- "$3" "$tmp/err"; then
    fail "program, $2: no message: $(cat "$tmp/err")"
  else
    ok "program, $2: unharmed${3:+, said: $(head -1 "$tmp/err")}"
  fi
}
program "$long" "path too long" "path too long"
program "$tmp/missing/s.sock" "missing directory (a viewer may come later)"
program "$tmp/regular.sock" "regular file at the path"
program "$tmp/link.sock" "dangling symlink at the path"
[ "$(cat "$tmp/regular.sock")" = "keep me" ] || fail "the program wrote into the regular file"

echo "robust-sockets: $failures failed"
[ "$failures" -eq 0 ]
