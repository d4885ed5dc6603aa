#!/usr/bin/env bash
# Validate docker-compose.yml without a Docker engine: Debian's docker-compose can run `config`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "[compose] installing Debian's docker-compose (config check only, no engine needed)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose) >/dev/null
fi
docker-compose -f docker-compose.yml config --quiet
echo "[compose] docker-compose.yml is valid"
