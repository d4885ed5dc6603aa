#!/usr/bin/env bash
# Local native stack (no Docker): Apache Kafka (KRaft), Temporal dev server, Keycloak, PostgreSQL.
#
#   deploy/local/stack.sh install [components]   download what is missing into .cache/
#   deploy/local/stack.sh start   [components]   start (idempotent) and wait until healthy
#   deploy/local/stack.sh health  [components]   one UP/DOWN line each; non-zero if any is DOWN
#   deploy/local/stack.sh status  [components]   pid, ports, memory, log file
#   deploy/local/stack.sh stop    [components]   stop what stack.sh started
#   deploy/local/stack.sh topics                 (re)create Kafka topics from contracts.topics
#   deploy/local/stack.sh paths                  print TEMPORAL_CLI= and TEMPORAL_TEST_SERVER=
#
# components: kafka temporal keycloak postgres. Defaults: install/stop/status = all four,
# start/health = kafka temporal keycloak (PostgreSQL only when named).
# Ports: KAFKA_PORT KAFKA_CONTROLLER_PORT TEMPORAL_PORT TEMPORAL_UI_PORT KEYCLOAK_PORT POSTGRES_PORT.
# Topic creation uses STACK_PYTHON (default .venv/bin/python, which must have kafka-python
# and the contracts package).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib/common.sh"
source "$HERE/lib/kafka.sh"
source "$HERE/lib/temporal.sh"
source "$HERE/lib/keycloak.sh"
source "$HERE/lib/postgres.sh"

ALL=(kafka temporal keycloak postgres)
DEFAULT_RUN=(kafka temporal keycloak)
STACK_PYTHON="${STACK_PYTHON:-$REPO/.venv/bin/python}"

pick() {  # pick DEFAULT... -- ARGS... : sets PICKED to the validated component list
  local -a defaults=()
  while [[ $# -gt 0 && "$1" != -- ]]; do defaults+=("$1"); shift; done
  shift
  PICKED=()
  for c in "$@"; do
    [[ " ${ALL[*]} " == *" $c "* ]] || die "unknown component '$c' (choose from: ${ALL[*]})"
    PICKED+=("$c")
  done
  if ((${#PICKED[@]} == 0)); then PICKED=("${defaults[@]}"); fi
}

create_topics() {
  if [[ ! -x "$STACK_PYTHON" ]]; then
    warn "topics NOT created: $STACK_PYTHON not found (create the project venv, or set STACK_PYTHON), then run: deploy/local/stack.sh topics"
    return 0
  fi
  step topics "creating Kafka topics from contracts.topics with $STACK_PYTHON"
  "$STACK_PYTHON" "$DEPLOY/create_topics.py" --bootstrap "127.0.0.1:$KAFKA_PORT" \
    || { echo "[stack] ERROR: topic creation failed (is kafka-python installed in $STACK_PYTHON's venv, and contracts importable?)" >&2; return 1; }
}

cmd_install() {
  local t0=$SECONDS
  ensure_dirs
  pick "${ALL[@]}" -- "$@"
  for c in "${PICKED[@]}"; do "${c}_install"; done
  log "install done in $((SECONDS - t0))s (cache: $CACHE)"
}

cmd_start() {
  local failed=() t
  ensure_dirs
  pick "${DEFAULT_RUN[@]}" -- "$@"
  for c in "${PICKED[@]}"; do
    t=$SECONDS
    if "${c}_start"; then
      step "$c" "up (start took $((SECONDS - t))s)"
      if [[ "$c" == kafka ]]; then create_topics || failed+=(topics); fi
    else
      failed+=("$c")
    fi
  done
  if ((${#failed[@]})); then die "failed: ${failed[*]} (see the reports above)"; fi
  log "all requested components are up"
}

healthy() {
  case "$1" in
    kafka) kafka_healthy ;;
    temporal) temporal_healthy ;;
    keycloak) keycloak_healthy ;;
    postgres) postgres_healthy ;;
  esac
}

endpoint() {
  case "$1" in
    kafka) echo "127.0.0.1:$KAFKA_PORT (controller :$KAFKA_CONTROLLER_PORT)" ;;
    temporal) echo "127.0.0.1:$TEMPORAL_PORT, UI http://127.0.0.1:$TEMPORAL_UI_PORT" ;;
    keycloak) echo "http://127.0.0.1:$KEYCLOAK_PORT/realms/governance (admin console: admin/admin)" ;;
    postgres) echo "postgresql://governance:governance@127.0.0.1:$POSTGRES_PORT/postgres" ;;
  esac
}

cmd_health() {
  local down=0
  pick "${DEFAULT_RUN[@]}" -- "$@"
  for c in "${PICKED[@]}"; do
    if healthy "$c"; then
      printf '%-9s UP    %s\n' "$c" "$(endpoint "$c")"
    else
      printf '%-9s DOWN  %s\n' "$c" "$(endpoint "$c")"
      down=1
    fi
  done
  return "$down"
}

cmd_status() {
  local pid
  pick "${ALL[@]}" -- "$@"
  for c in "${PICKED[@]}"; do
    if [[ "$c" == postgres ]]; then
      pid="$(pg_lsclusters -h 2>/dev/null | awk '$4 == "online" {print $1 "/" $2}' | head -1)"
      if [[ -n "$pid" ]]; then
        pid="$(head -1 "/var/lib/postgresql/${pid%/*}/${pid#*/}/postmaster.pid" 2>/dev/null || true)"
      fi
    else
      pid="$(pid_of "$c" || true)"
    fi
    if [[ -n "$pid" ]]; then
      local mem
      if [[ "$c" == postgres ]]; then
        mem="$(ps -o rss= --ppid "$pid" -p "$pid" | awk '{s+=$1} END {printf "%d", s/1024}')"
      else
        mem="$(rss_of "$pid")"
      fi
      printf '%-9s running  pid %-7s rss %5s MiB  %s  health=%s\n' "$c" "$pid" "$mem" \
        "$(endpoint "$c")" "$(healthy "$c" && echo UP || echo DOWN)"
    else
      printf '%-9s stopped\n' "$c"
    fi
  done
  echo "logs: $LOGS"
}

cmd_stop() {
  pick "${ALL[@]}" -- "$@"
  local -a comps=("${PICKED[@]}")
  # Named explicitly -> stop postgres even if another stack.sh run did not mark it.
  local force_pg=0
  if (($#)); then force_pg=1; fi
  for c in "${comps[@]}"; do
    if [[ "$c" == postgres ]]; then postgres_stop "$force_pg"; else "${c}_stop"; fi
  done
  # Confirm with the ports: nothing of ours may still listen.
  local p busy=()
  for c in "${comps[@]}"; do
    case "$c" in
      kafka) for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do port_open "$p" && busy+=("$p"); done ;;
      temporal) for p in "$TEMPORAL_PORT" "$TEMPORAL_UI_PORT"; do port_open "$p" && busy+=("$p"); done ;;
      keycloak) port_open "$KEYCLOAK_PORT" && busy+=("$KEYCLOAK_PORT") ;;
    esac
  done
  if ((${#busy[@]})); then
    for p in "${busy[@]}"; do warn "port $p still in use by: $(port_owner "$p")"; done
    die "some ports are still in use (not started by stack.sh, or a pid file was lost)"
  fi
  log "stopped; no stack port is listening"
}

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    install) cmd_install "$@" ;;
    start) cmd_start "$@" ;;
    health) cmd_health "$@" ;;
    status) cmd_status "$@" ;;
    stop) cmd_stop "$@" ;;
    topics) create_topics ;;
    paths) temporal_paths ;;
    -h | --help | help | "") usage ;;
    *) usage >&2; die "unknown command '$cmd'" ;;
  esac
}

main "$@"
