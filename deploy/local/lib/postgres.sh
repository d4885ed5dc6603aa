# PostgreSQL from Debian's package, only when asked for (SQLite is the embedded default).
# Sourced by stack.sh. The cluster itself lives where Debian puts it (/var/lib/postgresql);
# only a marker that we started it is kept under .cache/run.

POSTGRES_PORT="${POSTGRES_PORT:-5432}"
POSTGRES_TIMEOUT="${POSTGRES_TIMEOUT:-30}"
POSTGRES_MARKER="$PIDS/postgres.started"

postgres_cluster() {  # prints "VERSION NAME LOGFILE" of the first Debian cluster
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  pg_lsclusters -h 2>/dev/null | awk 'NR == 1 {print $1, $2, $7}' | grep .
}

postgres_install() {
  if command -v pg_lsclusters >/dev/null 2>&1 && postgres_cluster >/dev/null; then
    step postgres "already installed: cluster $(postgres_cluster | cut -d' ' -f1,2)"
    return
  fi
  step postgres "installing Debian package postgresql (apt-get)"
  apt-get update -qq || die "postgres: apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
    || die "postgres: apt-get install postgresql failed"
  if ! postgres_cluster >/dev/null; then
    local ver
    ver="$(ls /usr/lib/postgresql | sort -V | tail -1)"
    step postgres "creating cluster $ver/main"
    pg_createcluster "$ver" main
  fi
  # The package may start the cluster on install; install must not leave servers running.
  local ver name _
  read -r ver name _ < <(postgres_cluster)
  pg_ctlcluster "$ver" "$name" stop 2>/dev/null || true
}

postgres_healthy() { pg_isready -q -h 127.0.0.1 -p "$POSTGRES_PORT"; }

postgres_start() {
  local ver name logfile
  read -r ver name logfile < <(postgres_cluster) \
    || { fail_report postgres "" "PostgreSQL is not installed: run 'deploy/local/stack.sh install'"; return 1; }
  if [[ "$(pg_lsclusters -h | awk -v v="$ver" -v n="$name" '$1 == v && $2 == n {print $4}')" == online ]]; then
    step postgres "cluster $ver/$name already online"
  else
    precheck_ports postgres "$POSTGRES_PORT" || return 1
    step postgres "starting cluster $ver/$name on 127.0.0.1:$POSTGRES_PORT, log $logfile"
    # -o overrides postgresql.conf for this run only: no edits under /etc.
    pg_ctlcluster "$ver" "$name" start \
      -o "-c listen_addresses=127.0.0.1" -o "-c port=$POSTGRES_PORT" \
      || { fail_report postgres "$logfile" "pg_ctlcluster start failed; $(guess_cause "$logfile")"; return 1; }
    touch "$POSTGRES_MARKER"
  fi
  local start=$SECONDS
  while ! postgres_healthy; do
    if ((SECONDS - start >= POSTGRES_TIMEOUT)); then
      fail_report postgres "$logfile" "not accepting connections after ${POSTGRES_TIMEOUT}s"
      return 1
    fi
    sleep 1
  done
  step postgres "healthy after $((SECONDS - start))s; ensuring role governance (CREATEDB)"
  # Local-only credentials. DO block: create once, then keep password/attributes in sync.
  runuser -u postgres -- psql -q -X -v ON_ERROR_STOP=1 -p "$POSTGRES_PORT" -d postgres <<'SQL' \
    || { fail_report postgres "$logfile" "could not create role governance"; return 1; }
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'governance') THEN
    CREATE ROLE governance LOGIN CREATEDB PASSWORD 'governance';
    RAISE NOTICE 'created role governance';
  ELSE
    ALTER ROLE governance LOGIN CREATEDB PASSWORD 'governance';
  END IF;
END
$$;
SQL
}

# stop: only a cluster that stack.sh started, unless asked by name (FORCE=1).
postgres_stop() {
  local ver name _ force="${1:-0}"
  read -r ver name _ < <(postgres_cluster) || { step postgres "not installed"; return 0; }
  if [[ ! -f "$POSTGRES_MARKER" && "$force" != 1 ]]; then
    step postgres "not started by stack.sh, leaving it alone"
    return 0
  fi
  if pg_lsclusters -h | awk -v v="$ver" -v n="$name" '$1 == v && $2 == n && $4 == "online" {f=1} END {exit !f}'; then
    step postgres "stopping cluster $ver/$name"
    pg_ctlcluster "$ver" "$name" stop -m fast
  else
    step postgres "not running"
  fi
  rm -f "$POSTGRES_MARKER"
}
