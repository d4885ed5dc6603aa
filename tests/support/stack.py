"""Where the real components of the local stack listen (started by `make test`)."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass

KAFKA = os.environ.get("GOV_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
TEMPORAL = os.environ.get("WORKFLOWS_TEMPORAL_ADDRESS", "127.0.0.1:7233")
KEYCLOAK = os.environ.get("KEYCLOAK_URL", "http://127.0.0.1:8080")
REALM = "governance"
ISSUER = f"{KEYCLOAK}/realms/{REALM}"
POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://governance:governance@127.0.0.1:5432/postgres"
)
DEMO_PASSWORD = "demo"  # the local realm's demo users; see deploy/keycloak/


@dataclass(frozen=True)
class Endpoint:
    name: str
    host: str
    port: int


def _endpoint(name: str, address: str) -> Endpoint:
    host, _, port = address.removeprefix("http://").rstrip("/").rpartition(":")
    return Endpoint(name, host, int(port))


REQUIRED = (
    _endpoint("kafka", KAFKA),
    _endpoint("temporal", TEMPORAL),
    _endpoint("keycloak", KEYCLOAK),
)


def missing_components() -> list[str]:
    down = []
    for endpoint in REQUIRED:
        try:
            socket.create_connection((endpoint.host, endpoint.port), timeout=1).close()
        except OSError:
            down.append(f"{endpoint.name} ({endpoint.host}:{endpoint.port})")
    return down


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
