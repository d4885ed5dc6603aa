#!/usr/bin/env bash
# The web console: build it (npm ci from the lockfile, the typed API client, the type check,
# the bundle) and install what its browser tests drive (Debian's Chromium and CJK fonts).
#   deploy/local/console.sh build     # console/dist, served by the gateway at /
#   deploy/local/console.sh browser   # /usr/bin/chromium and fonts-noto-cjk (apt-get), once
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CONSOLE="$REPO/console"
NODE_MIN=20.19

say() { echo "[console] $*"; }
die() { echo "[console] ERROR: $*" >&2; exit 1; }

build() {
  command -v node >/dev/null || die "Node.js >= $NODE_MIN is needed to build the console (none found)"
  local have; have="$(node -p 'process.versions.node')"
  printf '%s\n%s\n' "$NODE_MIN" "$have" | sort -V -C \
    || die "Node.js >= $NODE_MIN is needed to build the console (found $have)"
  cd "$CONSOLE"
  # npm ci only when the lockfile changed since the last install.
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    say "npm ci (from package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  "$REPO/.venv/bin/python" scripts/export_api.py --check \
    || die "console/openapi.json is stale: run .venv/bin/python console/scripts/export_api.py"
  say "building (typed API client, type check, bundle)"
  npm run --silent build >/dev/null
  say "built: console/dist ($(du -sh dist | cut -f1))"
}

browser() {
  if [[ -x /usr/bin/chromium ]] && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    say "browser: Chromium and CJK fonts already installed"
    return
  fi
  say "browser: installing Debian's chromium and fonts-noto-cjk (apt-get)"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null \
    || die "apt-get install chromium fonts-noto-cjk failed"
}

case "${1:-}" in
  build) build ;;
  browser) browser ;;
  *) die "usage: $0 build|browser" ;;
esac
