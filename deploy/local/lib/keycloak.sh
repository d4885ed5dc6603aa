# Keycloak in dev mode with the governance realm imported. Sourced by stack.sh.

KEYCLOAK_VERSION="${KEYCLOAK_VERSION:-26.7.3}"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-8080}"
KEYCLOAK_TIMEOUT="${KEYCLOAK_TIMEOUT:-240}"
# kc.sh puts JAVA_OPTS_KC_HEAP in place of its default heap flags (a % of RAM).
KEYCLOAK_HEAP="${KEYCLOAK_HEAP:--Xms128m -Xmx768m}"
KEYCLOAK_HOME="$CACHE/keycloak/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_REALMS="$REPO/deploy/keycloak"
KEYCLOAK_LOG="$LOGS/keycloak.log"
KEYCLOAK_READY_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/governance/.well-known/openid-configuration"

keycloak_install() {
  if [[ -x "$KEYCLOAK_HOME/bin/kc.sh" ]]; then
    step keycloak "already installed: $KEYCLOAK_HOME"
    return
  fi
  need_java
  local gav="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:tar.gz"
  local tgz="$M2/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz"
  step keycloak "downloading $gav from Maven Central (~170 MB)"
  mvn_q dependency:get -Dartifact="$gav" -Dtransitive=false \
    || die "keycloak: Maven download failed (is Maven Central reachable? does $KEYCLOAK_VERSION exist?)"
  step keycloak "unpacking into $CACHE/keycloak/"
  mkdir -p "$CACHE/keycloak"
  rm -rf "$KEYCLOAK_HOME.tmp" && mkdir -p "$KEYCLOAK_HOME.tmp"
  tar -xzf "$tgz" -C "$KEYCLOAK_HOME.tmp" --strip-components=1
  mv "$KEYCLOAK_HOME.tmp" "$KEYCLOAK_HOME"  # atomic: a half-unpacked tree never looks installed
  rm -f "$tgz"  # the unpacked tree is the cache; no need to keep 170 MB twice
}

keycloak_healthy() { curl -fs -o /dev/null --max-time 3 "$KEYCLOAK_READY_URL"; }

keycloak_start() {
  local pid
  if pid="$(pid_of keycloak)"; then
    step keycloak "already running (pid $pid), waiting for health"
    wait_until keycloak "$KEYCLOAK_LOG" "$pid" "$KEYCLOAK_TIMEOUT" keycloak_healthy
    return
  fi
  need_java
  [[ -x "$KEYCLOAK_HOME/bin/kc.sh" ]] \
    || { fail_report keycloak "" "Keycloak $KEYCLOAK_VERSION is not installed: run 'deploy/local/stack.sh install'"; return 1; }
  precheck_ports keycloak "$KEYCLOAK_PORT" || return 1
  # --import-realm skips a realm that already exists, so an edited realm file would be
  # silently ignored. Dropping the dev H2 database before every start makes the files in
  # deploy/keycloak/ the single truth (users, clients, roles); nothing else is kept there.
  step keycloak "resetting dev database and importing realm files from $KEYCLOAK_REALMS"
  rm -rf "$KEYCLOAK_HOME/data/h2" "$KEYCLOAK_HOME/data/import"
  mkdir -p "$KEYCLOAK_HOME/data/import"
  cp "$KEYCLOAK_REALMS"/*-realm.json "$KEYCLOAK_HOME/data/import/"
  step keycloak "starting dev mode on 127.0.0.1:$KEYCLOAK_PORT, log $KEYCLOAK_LOG"
  # Admin credentials are for this local dev instance only.
  spawn keycloak "$KEYCLOAK_LOG" env \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    JAVA_OPTS_KC_HEAP="$KEYCLOAK_HEAP" \
    "$KEYCLOAK_HOME/bin/kc.sh" start-dev \
    --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" --import-realm
  wait_until keycloak "$KEYCLOAK_LOG" "$(cat "$PIDS/keycloak.pid")" "$KEYCLOAK_TIMEOUT" keycloak_healthy
}

keycloak_stop() { stop_pid keycloak; }
