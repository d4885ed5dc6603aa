"""The Kubernetes manifests: valid offline against the pinned schemas (a broken one fails),
and they say what running several replicas safely needs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from contracts.topics import SCALE_OUT_PARTITIONS

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
MANIFESTS = ROOT / "deploy" / "k8s" / "manifests"
VALIDATE = ROOT / "deploy" / "k8s" / "validate.sh"


def documents() -> list[dict]:
    return [
        doc
        for path in sorted(MANIFESTS.glob("*.yaml"))
        for doc in yaml.safe_load_all(path.read_text())
    ]


def of_kind(kind: str) -> dict[str, dict]:
    return {doc["metadata"]["name"]: doc for doc in documents() if doc["kind"] == kind}


def validate(*folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(VALIDATE), *map(str, folder)], capture_output=True, text=True, timeout=300
    )


def test_the_manifests_are_rendered_and_valid():
    result = validate()
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("original", "broken", "complaint"),
    [
        ("  replicas: 2\n", "  replicas: two\n", "'two' is not of type 'integer'"),
        ("periodSeconds: 20\n", "periodSecond: 20\n", "'periodSecond' was unexpected"),
        ("kind: Deployment\n", "kind: Deploymnt\n", "Couldn't find schema for kind Deploymnt"),
    ],
)
def test_a_broken_manifest_fails(tmp_path, original, broken, complaint):
    shutil.copy(MANIFESTS / "enforcement.yaml", tmp_path)
    manifest = tmp_path / "enforcement.yaml"
    manifest.write_text(manifest.read_text().replace(original, broken, 1))
    result = validate(tmp_path)
    assert result.returncode != 0 and complaint in result.stderr


def test_every_process_is_probed_autoscaled_within_the_partitions_and_migrated_first():
    deployments, autoscalers = of_kind("Deployment"), of_kind("HorizontalPodAutoscaler")
    assert set(deployments) == set(autoscalers) >= {"enforcement", "workflows", "gateway"}
    for name, deployment in deployments.items():
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        assert container["livenessProbe"]["httpGet"]["path"] == "/docs"
        assert container["readinessProbe"]["httpGet"]["path"] in ("/health", "/docs")
        assert autoscalers[name]["spec"]["maxReplicas"] <= SCALE_OUT_PARTITIONS
        assert autoscalers[name]["spec"]["minReplicas"] >= 2
    with_database = {
        name
        for name, d in deployments.items()
        for e in d["spec"]["template"]["spec"]["containers"][0]["env"]
        if e["name"] == f"{name.upper()}_DATABASE_URL"
    }
    assert {f"{name}-migrate" for name in with_database} == set(of_kind("Job"))
    assert of_kind("ConfigMap")["governance-config"]["data"]["GOV_MIGRATE_AT_START"] == "false"
