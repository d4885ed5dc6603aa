#!/usr/bin/env bash
# Validate the Kubernetes manifests offline: they must be what render.py writes, and every
# document must match the Kubernetes API's JSON schema strictly (an unknown or misplaced field
# fails). The validator and its schemas are one pinned PyPI package (requirements.txt, with
# hashes), installed once into .cache/k8s-validate.
#   deploy/k8s/validate.sh            # the checked-in manifests
#   deploy/k8s/validate.sh DIR        # any folder of manifests (no render check)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$REPO/deploy/k8s"
VENV="$REPO/.cache/k8s-validate"
KUBERNETES_VERSION=1.33.0  # the cluster version the manifests are written for

if ! cmp -s "$HERE/requirements.txt" "$VENV/requirements.txt" 2>/dev/null; then
  echo "[k8s] installing the pinned validator into .cache/k8s-validate"
  rm -rf "$VENV"
  python3.11 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --require-hashes --no-deps -r "$HERE/requirements.txt"
  cp "$HERE/requirements.txt" "$VENV/requirements.txt"
fi

manifests="${1:-$HERE/manifests}"
if (($# == 0)); then
  rendered="$(mktemp -d)"
  trap 'rm -rf "$rendered"' EXIT
  "$VENV/bin/python" "$HERE/render.py" "$rendered"
  if ! diff -r "$rendered" "$manifests"; then
    echo "[k8s] ERROR: deploy/k8s/manifests differ from render.py's output; run" >&2
    echo "      .cache/k8s-validate/bin/python deploy/k8s/render.py" >&2
    exit 1
  fi
fi
# Quiet, it says nothing of a valid document: anything it says (an error, or a warning such
# as a kind it has no schema for) fails the check.
report="$("$VENV/bin/kubernetes-validate" --strict --quiet -k "$KUBERNETES_VERSION" "$manifests"/*.yaml 2>&1)" || true
if [[ -n "$report" ]]; then echo "$report" >&2; exit 1; fi
echo "[k8s] $(ls "$manifests"/*.yaml | wc -l) manifest files valid for Kubernetes $KUBERNETES_VERSION"
