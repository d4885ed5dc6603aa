#!/usr/bin/env bash
# `make test`: start the components that are not already up, run the whole suite against them,
# then stop exactly the components this script started (a stack you started stays up).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
STACK=deploy/local/stack.sh

started=()
for component in kafka temporal keycloak postgres; do
  if ! $STACK health "$component" >/dev/null 2>&1; then started+=("$component"); fi
done
cleanup() {
  if ((${#started[@]})); then echo "[test] stopping what this run started: ${started[*]}"; $STACK stop "${started[@]}"; fi
}
trap cleanup EXIT
if ((${#started[@]})); then $STACK start "${started[@]}"; fi

eval "$($STACK paths)"  # TEMPORAL_CLI and TEMPORAL_TEST_SERVER for the workflow tests
export TEMPORAL_TEST_SERVER
echo "[test] lint: ruff check, ruff format --check"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "[test] types: mypy"
.venv/bin/mypy
echo "[test] docker-compose.yml: config check"
deploy/local/compose_check.sh
echo "[test] deploy/k8s: manifests rendered and valid (pinned validator and schemas, no cluster)"
deploy/k8s/validate.sh
echo "[test] pytest"
.venv/bin/pytest "$@"
