#!/usr/bin/env bash
# Our own services on 127.0.0.1, each a process with a pid file and a log under .cache/run/.
#   deploy/local/services.sh start|stop|health
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN="$REPO/.cache/run"
PY="$REPO/.venv/bin/python"
# name:port, in start order (the gateway last, so its health sees the others).
SERVICES=(patrol:8101 enforcement:8102 oversight:8106 workflows:8103 institutions:8104 risk:8105 inspections:8107 gateway:8000)

running() { [[ -f "$RUN/pids/$1.pid" ]] && kill -0 "$(cat "$RUN/pids/$1.pid")" 2>/dev/null; }

wait_healthy() {  # name port
  local name=$1 port=$2
  for _ in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then return 0; fi
    running "$name" || break
    sleep 0.5
  done
  echo "[services] ERROR: $name did not become healthy on port $port; log: $RUN/logs/$name.log" >&2
  tail -n 20 "$RUN/logs/$name.log" >&2 || true
  return 1
}

start() {
  mkdir -p "$RUN/pids" "$RUN/logs"
  cd "$REPO"
  for entry in "${SERVICES[@]}"; do
    local name=${entry%%:*} port=${entry##*:}
    if running "$name"; then echo "[services] $name already running"; continue; fi
    echo "[services] starting $name on 127.0.0.1:$port (log: .cache/run/logs/$name.log)"
    nohup "$PY" -m "$name" >>"$RUN/logs/$name.log" 2>&1 &
    echo $! >"$RUN/pids/$name.pid"
    wait_healthy "$name" "$port"
  done
}

stop() {
  for entry in "${SERVICES[@]}"; do
    local name=${entry%%:*}
    if running "$name"; then
      echo "[services] stopping $name"
      kill "$(cat "$RUN/pids/$name.pid")" 2>/dev/null || true
      for _ in $(seq 1 40); do running "$name" || break; sleep 0.25; done
      running "$name" && kill -9 "$(cat "$RUN/pids/$name.pid")" 2>/dev/null || true
    fi
    rm -f "$RUN/pids/$name.pid"
  done
}

health() {
  local down=0
  for entry in "${SERVICES[@]}"; do
    local name=${entry%%:*} port=${entry##*:}
    if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then echo "UP   $name"
    else echo "DOWN $name"; down=1; fi
  done
  return $down
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  health) health ;;
  *) echo "usage: $0 start|stop|health" >&2; exit 2 ;;
esac
