"""Replicas as real processes, started the way a deployment starts them (`python -m <name>`)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from tests.support.stack import ISSUER, KAFKA, POSTGRES_URL, TEMPORAL, free_port

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Replica:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def kill(self) -> None:
        """As a node that vanishes: no shutdown, no goodbye to Kafka or Temporal."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def replica_env(topic_prefix: str, **settings: str) -> dict[str, str]:
    return os.environ | {
        "GOV_KAFKA_BOOTSTRAP": KAFKA,
        "GOV_TOPIC_PREFIX": topic_prefix,
        "GOV_OIDC_ISSUER": ISSUER,
        "GOV_OTEL_EXPORTER": "none",
        "WORKFLOWS_TEMPORAL_ADDRESS": TEMPORAL,
        **settings,
    }


def start_replica(
    module: str, env: dict[str, str], logs: Path, index: int, entry: str | None = None
) -> Replica:
    """`python -m <module>`, or `python -m <entry>` serving that module some other way."""
    port = free_port()
    log = logs / f"{module}-{index}.log"
    env = env | {f"{module.upper()}_PORT": str(port)}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", entry or module], cwd=REPO, env=env, stdout=out, stderr=out
        )
    return Replica(f"{module}-{index}", port, process, log)


def wait_healthy(replicas: list[Replica], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    for replica in replicas:
        while not _healthy(replica):
            if replica.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{replica.name} not healthy:\n{replica.log.read_text()}")
            time.sleep(0.3)


def _healthy(replica: Replica) -> bool:
    with contextlib.suppress(httpx.HTTPError):
        return httpx.get(f"http://127.0.0.1:{replica.port}/health", timeout=3).status_code == 200
    return False


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this run; its URL."""
    name = f"replicas_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
