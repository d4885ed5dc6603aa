# Shared paths and helpers for deploy/local/stack.sh. Sourced, never run.
# Everything downloaded lives under $CACHE; everything a running server writes under $RUN.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
DEPLOY="$REPO/deploy/local"
CACHE="$REPO/.cache"
RUN="$CACHE/run"
LOGS="$RUN/logs"
PIDS="$RUN/pids"
# Private Maven repository, so the whole install is under .cache/ and `rm -rf .cache` resets it.
M2="$CACHE/m2"

log()  { printf '[stack] %s\n' "$*"; }
step() { printf '[stack] %-9s %s\n' "$1" "$2"; }
warn() { printf '[stack] WARNING: %s\n' "$*" >&2; }
die()  { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

ensure_dirs() { mkdir -p "$CACHE" "$LOGS" "$PIDS"; }

need_java() {
  command -v java >/dev/null 2>&1 || die "java not found on PATH (Kafka and Keycloak need Java 17+: apt-get install -y openjdk-17-jre-headless)"
}

mvn_q() {
  # Batch mode, private local repo; output goes to a log, shown only when Maven fails.
  local out="$LOGS/maven-install.log"
  if ! mvn -B -ntp -Dstyle.color=never -Dmaven.repo.local="$M2" "$@" >"$out" 2>&1; then
    grep -E 'ERROR|FAIL' "$out" | head -n 20 | sed 's/^/    | /' >&2
    echo "[stack] full Maven output: $out" >&2
    return 1
  fi
}

# --- ports -----------------------------------------------------------------

port_open() {  # port_open PORT -> 0 if something accepts TCP on 127.0.0.1:PORT
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

port_owner() {  # best-effort "who listens on PORT" for error messages
  ss -ltnpH "sport = :$1" 2>/dev/null | sed -E 's/.*users:\(\((.*)\)\)/\1/' | head -1
}

# --- pid files ---------------------------------------------------------------

alive() {  # whether process $1, or any process of the group it led, still runs
  kill -0 "$1" 2>/dev/null || kill -0 -- "-$1" 2>/dev/null
}

pid_of() {  # prints the pid of component $1 if its pid file names a live process (or group:
  # Keycloak's kc.sh may die before the java it started)
  local f="$PIDS/$1.pid" pid
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f")"
  if [[ -n "$pid" ]] && alive "$pid"; then
    echo "$pid"
  else
    rm -f "$f"
    return 1
  fi
}

rss_of() {  # total RSS in MiB of the process group led by pid $1 (java + wrappers)
  ps -o rss= -g "$1" 2>/dev/null | awk '{s+=$1} END {printf "%d", s/1024}'
}

# spawn NAME LOGFILE CMD... : run CMD in its own session (so stop can signal the whole
# process group), detached from this shell, output appended to LOGFILE.
spawn() {
  local name="$1" logfile="$2"; shift 2
  if [[ -f "$logfile" ]]; then mv -f "$logfile" "$logfile.1"; fi
  printf '=== %s started by stack.sh at %s\n' "$name" "$(date -Is)" >"$logfile"
  # setsid does not fork here (a background job is never a group leader), so $! is the
  # server's pid and also its process-group id.
  setsid "$@" >>"$logfile" 2>&1 </dev/null &
  echo $! >"$PIDS/$name.pid"
}

# stop_pid NAME : SIGTERM the process group, wait up to STOP_TIMEOUT s, then SIGKILL.
stop_pid() {
  local name="$1" pid i
  if ! pid="$(pid_of "$name")"; then
    step "$name" "not running (no live pid file)"
    return 0
  fi
  step "$name" "stopping pid $pid (SIGTERM)"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < ${STOP_TIMEOUT:-30}; i++)); do
    alive "$pid" || break
    sleep 1
  done
  if alive "$pid"; then
    step "$name" "still alive after ${STOP_TIMEOUT:-30}s, sending SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$PIDS/$name.pid"
  step "$name" "stopped"
}

# --- failure report --------------------------------------------------------

# fail_report NAME LOGFILE CAUSE : everything a person needs to fix a failed start.
# LOGFILE "" means the server never ran (the last log would be an older run's).
fail_report() {
  local name="$1" logfile="$2" cause="$3"
  {
    echo "[stack] ---------------------------------------------------------------"
    echo "[stack] $name FAILED to start"
    echo "[stack] likely cause: $cause"
    if [[ -n "$logfile" && -f "$logfile" ]]; then
      echo "[stack] log file: $logfile (last 20 lines below)"
      tail -n 20 "$logfile" | sed 's/^/    | /'
    else
      echo "[stack] log file: ${logfile:-none} (nothing logged: the server was not started)"
    fi
    echo "[stack] ---------------------------------------------------------------"
  } >&2
}

# guess_cause LOGFILE : turn common log lines into a one-line diagnosis.
guess_cause() {
  local logfile="$1"
  if [[ -f "$logfile" ]]; then
    if grep -qiE 'address already in use|BindException|bind: address' "$logfile"; then
      echo "a port is already in use by another process (see 'ss -ltnp')"; return
    fi
    if grep -qiE 'OutOfMemoryError|Cannot allocate memory' "$logfile"; then
      echo "out of memory (heap limit too small, or the machine is full)"; return
    fi
    if grep -qiE 'ClassNotFoundException|NoClassDefFoundError|Could not find or load main class' "$logfile"; then
      echo "incomplete install (missing classes): run 'deploy/local/stack.sh install' again"; return
    fi
    if grep -qiE 'UnsupportedClassVersionError' "$logfile"; then
      echo "java too old (need 17+)"; return
    fi
  fi
  echo "unknown: read the log lines below"
}

# wait_until NAME LOGFILE PID TIMEOUT CHECK_CMD... : poll CHECK_CMD until it succeeds.
# Fails early (with a report) if the process dies; times out with a report.
wait_until() {
  local name="$1" logfile="$2" pid="$3" timeout="$4"; shift 4
  local start=$SECONDS
  while ! "$@" >/dev/null 2>&1; do
    if ! alive "$pid"; then
      rm -f "$PIDS/$name.pid"
      fail_report "$name" "$logfile" "process exited during startup; $(guess_cause "$logfile")"
      return 1
    fi
    if ((SECONDS - start >= timeout)); then
      fail_report "$name" "$logfile" "not healthy after ${timeout}s (slow machine? raise ${name^^}_TIMEOUT); $(guess_cause "$logfile")"
      # Do not leave a half-started server holding the ports for the next attempt.
      stop_pid "$name"
      return 1
    fi
    sleep 1
  done
  step "$name" "healthy after $((SECONDS - start))s"
}

# precheck_ports NAME PORT... : refuse to start if someone else holds a port.
precheck_ports() {
  local name="$1" p; shift
  for p in "$@"; do
    if port_open "$p"; then
      fail_report "$name" "" "port $p is already in use by another process: $(port_owner "$p")"
      return 1
    fi
  done
}
