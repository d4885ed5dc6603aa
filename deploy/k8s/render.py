"""Write the Kubernetes manifests in deploy/k8s/manifests/ from one table of our processes.

    .cache/k8s-validate/bin/python deploy/k8s/render.py [OUT_DIR]   # default: manifests/

`deploy/k8s/validate.sh` renders into a scratch folder and refuses manifests that differ, so
edit this file, never the YAML. Only PyYAML is needed. What runs beside (Strimzi Kafka, the
Temporal Helm chart, Keycloak, CloudNativePG) and in what order: deploy/k8s/README.md.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

IMAGE = "registry.example.org/governance/service:0.1.0"  # deploy/docker/Dockerfile.service
PART_OF = {"app.kubernetes.io/part-of": "governance"}
CONFIG = "governance-config"
# Consumers scale by partition: no more replicas than a topic has partitions
# (contracts.topics.SCALE_OUT_PARTITIONS).
MAX_REPLICAS = 6


@dataclass(frozen=True)
class Process:
    name: str
    port: int
    database: bool = True  # its own CloudNativePG cluster `<name>-db`
    # Readiness: the process's own dependency check. The gateway's /health is the whole
    # platform's, which must not take the one entry out of service, so it is ready once up.
    ready_path: str = "/health"
    cpu: str = "250m"
    memory: str = "384Mi"


PROCESSES = (
    Process("patrol", 8101),
    Process("enforcement", 8102),
    Process("workflows", 8103, database=False, memory="512Mi"),
    Process("institutions", 8104),
    Process("risk", 8105),
    Process("oversight", 8106),
    Process("inspections", 8107),
    Process("gateway", 8000, database=False, ready_path="/docs"),
)


def labels(process: Process, component: str = "server") -> dict[str, str]:
    return {
        "app.kubernetes.io/name": process.name,
        "app.kubernetes.io/component": component,
        **PART_OF,
    }


def database_env(process: Process) -> list[dict]:
    """`<NAME>_DATABASE_URL` from the app secret CloudNativePG makes for cluster `<name>-db`
    (keys host, port, dbname, username, password); psycopg is the driver we ship."""
    secret = f"{process.name}-db-app"
    parts = [("DB_HOST", "host"), ("DB_PORT", "port"), ("DB_NAME", "dbname")]
    parts += [("DB_USER", "username"), ("DB_PASSWORD", "password")]
    env = [
        {"name": name, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}}
        for name, key in parts
    ]
    url = "postgresql+psycopg://$(DB_USER):$(DB_PASSWORD)@$(DB_HOST):$(DB_PORT)/$(DB_NAME)"
    return [*env, {"name": f"{process.name.upper()}_DATABASE_URL", "value": url}]


def container(process: Process, command: list[str] | None = None) -> dict:
    spec: dict = {
        "name": process.name,
        "image": IMAGE,
        "env": [{"name": "SERVICE", "value": process.name}, *database_env(process)]
        if process.database
        else [{"name": "SERVICE", "value": process.name}],
        "envFrom": [{"configMapRef": {"name": CONFIG}}],
        "resources": {
            "requests": {"cpu": process.cpu, "memory": process.memory},
            "limits": {"memory": process.memory},
        },
        "securityContext": {
            "runAsNonRoot": True,
            "runAsUser": 10001,
            "allowPrivilegeEscalation": False,
            "capabilities": {"drop": ["ALL"]},
        },
    }
    if command is not None:
        return spec | {"command": command}
    return spec | {
        "ports": [{"name": "http", "containerPort": process.port}],
        # Alive: the process answers a page it renders itself, whatever its dependencies do.
        "livenessProbe": probe("/docs", period=20, failures=3),
        "readinessProbe": probe(process.ready_path, period=10, failures=2),
        "startupProbe": probe("/docs", period=5, failures=24),
    }


def probe(path: str, *, period: int, failures: int) -> dict:
    return {
        "httpGet": {"path": path, "port": "http"},
        "periodSeconds": period,
        "timeoutSeconds": 3,
        "failureThreshold": failures,
    }


def resource(api_version: str, kind: str, name: str, tags: dict[str, str], spec: dict) -> dict:
    return {
        "apiVersion": api_version,
        "kind": kind,
        "metadata": {"name": name, "labels": tags},
        "spec": spec,
    }


def deployment(process: Process) -> dict:
    return resource(
        "apps/v1",
        "Deployment",
        process.name,
        labels(process),
        {
            "replicas": 2,
            "selector": {"matchLabels": labels(process)},
            "strategy": {"rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
            "template": {
                "metadata": {"labels": labels(process)},
                "spec": {
                    # A SIGKILLed pod is safe (tests/scale/test_replicas.py); SIGTERM lets it
                    # finish its requests, commit its offsets and leave its consumer group.
                    "terminationGracePeriodSeconds": 30,
                    "containers": [container(process)],
                },
            },
        },
    )


def service(process: Process) -> dict:
    return resource(
        "v1",
        "Service",
        process.name,
        labels(process),
        {
            "selector": labels(process),
            "ports": [{"name": "http", "port": process.port, "targetPort": "http"}],
        },
    )


def autoscaler(process: Process) -> dict:
    cpu = {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}
    return resource(
        "autoscaling/v2",
        "HorizontalPodAutoscaler",
        process.name,
        labels(process),
        {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": process.name},
            "minReplicas": 2,
            "maxReplicas": MAX_REPLICAS,
            "metrics": [{"type": "Resource", "resource": cpu}],
        },
    )


def migration(process: Process) -> dict:
    """One run of the service's Alembic upgrade; its replicas (GOV_MIGRATE_AT_START=false)
    refuse to start until it has run. A Job's template cannot change: delete the finished Job
    and apply it again with each release."""
    return resource(
        "batch/v1",
        "Job",
        f"{process.name}-migrate",
        labels(process, "migration"),
        {
            "backoffLimit": 6,
            "template": {
                "metadata": {"labels": labels(process, "migration")},
                "spec": {
                    "restartPolicy": "OnFailure",
                    "containers": [
                        container(
                            process,
                            ["python", "-m", "govkit.migrations", "upgrade", process.name],
                        )
                    ],
                },
            },
        },
    )


def config() -> dict:
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": CONFIG, "labels": PART_OF},
        "data": {
            "GOV_HOST": "0.0.0.0",
            # Strimzi: the plain listener of the Kafka cluster `governance`.
            "GOV_KAFKA_BOOTSTRAP": "governance-kafka-bootstrap:9092",
            # Keycloak: the realm's public issuer; keys fetched inside the cluster.
            "GOV_OIDC_ISSUER": "https://auth.example.org/realms/governance",
            "GOV_OIDC_JWKS_URL_OVERRIDE": "http://keycloak-service:8080/realms/governance/"
            "protocol/openid-connect/certs",
            "GOV_OTEL_EXPORTER": "otlp",
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel-collector:4318",
            # The migration Jobs run Alembic, once, before the replicas start.
            "GOV_MIGRATE_AT_START": "false",
            # The Temporal Helm chart, release `temporal`: its frontend.
            "WORKFLOWS_TEMPORAL_ADDRESS": "temporal-frontend:7233",
            **{
                f"GATEWAY_{p.name.upper()}_URL": f"http://{p.name}:{p.port}"
                for p in PROCESSES
                if p.name != "gateway"
            },
        },
    }


def documents() -> dict[str, list[dict]]:
    files = {"config.yaml": [config()]}
    for process in PROCESSES:
        files[f"{process.name}.yaml"] = [
            deployment(process),
            service(process),
            autoscaler(process),
        ]
    files["migrations.yaml"] = [migration(p) for p in PROCESSES if p.database]
    return files


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, docs in documents().items():
        header = (
            "# Rendered by deploy/k8s/render.py: edit that, not this file. What runs beside\n"
            "# (Strimzi Kafka, Temporal's Helm chart, Keycloak, CloudNativePG) and the order of\n"
            "# a release: deploy/k8s/README.md.\n"
        )
        body = yaml.safe_dump_all(docs, sort_keys=False, allow_unicode=True, width=100)
        (out / name).write_text(header + body)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "manifests")
