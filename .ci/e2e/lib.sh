# Shared helpers for the end-to-end checks: drive real binaries inside a detached tmux
# session and read the screen back. Source it; it defines functions only.

E2E_SESSION=${E2E_SESSION:-ft-e2e-$$}
E2E_BIN=${E2E_BIN:-$(swift build --show-bin-path 2>/dev/null)}

# e2e_start CMD... — start CMD in a new 120x40 tmux session.
e2e_start() {
  tmux kill-session -t "$E2E_SESSION" 2>/dev/null || true
  tmux new-session -d -s "$E2E_SESSION" -x 120 -y 40 "$@"
}

# e2e_screen — print the visible screen (text only).
e2e_screen() { tmux capture-pane -t "$E2E_SESSION" -p; }

# e2e_keys KEYS... — send keys (tmux key names: Enter, Escape, C-c, ...).
e2e_keys() { tmux send-keys -t "$E2E_SESSION" "$@"; }

# e2e_wait_for TEXT [SECONDS] — wait until TEXT is on screen; on timeout print the screen, fail.
e2e_wait_for() {
  local text=$1 limit=${2:-20} waited=0
  while ! e2e_screen | grep -qF -- "$text"; do
    sleep 0.2
    waited=$((waited + 1))
    if [ "$waited" -ge $((limit * 5)) ]; then
      echo "FAIL: '$text' did not appear within ${limit}s; screen was:" >&2
      e2e_screen >&2
      return 1
    fi
  done
}

# e2e_expect_absent TEXT — fail if TEXT is on screen now.
e2e_expect_absent() {
  if e2e_screen | grep -qF -- "$1"; then
    echo "FAIL: '$1' should not be on screen:" >&2
    e2e_screen >&2
    return 1
  fi
}

# e2e_stop — end the session.
e2e_stop() { tmux kill-session -t "$E2E_SESSION" 2>/dev/null || true; }

# e2e_pass NAME — report one passed check.
e2e_pass() { echo "ok: $1"; }

# check NAME COMMAND... — run COMMAND: a pass, or a FAIL line and `failed=1` (the script exits
# with it at the end).
check() {
  local name=$1
  shift
  if "$@"; then e2e_pass "$name"; else echo "FAIL: $name"; failed=1; fi
}

# ---- For scripts that run their own tmux server: they define `tm` (e.g. `tmux -L NAME "$@"`)
# and a session named e2e, then use these.

# fail MESSAGE — print it and the screen, then exit 1.
fail() {
  echo "FAIL: $*" >&2
  echo "---- screen ----" >&2
  tm capture-pane -p -t e2e >&2 || true
  exit 1
}
screen() { tm capture-pane -p -t e2e; }
# wait_for TEXT: poll the screen (up to 10 s) until a line holds the fixed string.
wait_for() {
  for _ in $(seq 100); do
    screen | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  fail "expected '$1' on screen"
}
# wait_gone TEXT: poll the screen (up to 10 s) until no line holds the fixed string.
wait_gone() {
  for _ in $(seq 100); do
    screen | grep -qF -- "$1" || return 0
    sleep 0.1
  done
  fail "expected '$1' to disappear"
}
keys() { tm send-keys -t e2e "$@"; }
