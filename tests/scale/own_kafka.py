"""A Kafka broker of a test's own, to kill and start again without touching the shared one.

The distribution and settings `deploy/local/stack.sh` installs and writes (its lib/kafka.sh is
sourced, so the configuration and the storage formatting are the local stack's own): KRaft, one
node, on free loopback ports, its data and logs under the test's folder. The broker runs in its
own process group; `kill()` SIGKILLs the whole group, as a node that vanishes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kafka import KafkaAdminClient
from kafka.errors import KafkaError

from tests.scale.processes import REPO
from tests.support.stack import free_port

LIB = REPO / "deploy" / "local" / "lib"


@dataclass
class OwnKafka:
    folder: Path
    port: int = field(default_factory=free_port)
    controller_port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.folder / "logs" / "kafka.log"

    def _bash(self, script: str) -> list[str]:
        """`script` after lib/kafka.sh, its paths and ports moved to this broker's."""
        prelude = f"""
            set -euo pipefail
            source {LIB}/common.sh
            KAFKA_PORT={self.port} KAFKA_CONTROLLER_PORT={self.controller_port}
            source {LIB}/kafka.sh
            RUN={self.folder} LOGS={self.folder}/logs
            KAFKA_DATA={self.folder}/data KAFKA_CONF={self.folder}/server.properties
            KAFKA_LOG={self.log}
            mkdir -p "$LOGS" "$KAFKA_DATA"
        """
        return ["bash", "-c", prelude + script]

    def format(self) -> None:
        """Write the configuration and format the storage, once."""
        subprocess.run(
            self._bash("kafka_write_config; kafka_format"),
            check=True,
            timeout=120,
            capture_output=True,
        )

    def start(self, timeout: float = 120) -> float:
        """Start on the same data and ports; the seconds until it answers for its metadata."""
        started = time.monotonic()
        with (self.folder / "logs" / "kafka.out").open("ab") as out:
            self.process = subprocess.Popen(
                self._bash('kafka_java kafka.Kafka "$KAFKA_CONF"'),
                stdout=out,
                stderr=out,
                start_new_session=True,
            )
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() - started > timeout:
                self.kill()
                raise AssertionError(f"own Kafka did not start:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.5)
        return time.monotonic() - started

    def kill(self) -> None:
        """SIGKILL the broker's process group (bash and its JVM): no clean shutdown."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None

    def _answers(self) -> bool:
        try:
            admin = KafkaAdminClient(bootstrap_servers=self.bootstrap, request_timeout_ms=3000)
        except KafkaError:
            return False
        try:
            admin.describe_cluster()
            return True
        except KafkaError:
            return False
        finally:
            admin.close()


@contextlib.contextmanager
def own_kafka(folder: Path) -> Iterator[OwnKafka]:
    """A started broker of the test's own, killed when the block ends, whatever happens."""
    kafka = OwnKafka(folder)
    kafka.format()
    try:
        kafka.start()
        yield kafka
    finally:
        kafka.kill()
