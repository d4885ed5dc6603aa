"""The clients a process looks at Kafka with beside its consumers: for `/health` (is the broker
there, how far behind is each group) and for the dead letters.

Both are started on first use and kept. A new client asks Kafka for the metadata of every topic
in the cluster, and so does faststream's ping (`describe_cluster`): on a broker of a few
thousand topics that is ~100 ms of CPU each time, and every process looked every few seconds.
A kept client asks only about the topics it is given. After a Kafka error both are rebuilt.
The reader joins no group; between looks its partitions are paused, so it fetches nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError


class KafkaLooks:
    def __init__(self, bootstrap: str) -> None:
        self._bootstrap = bootstrap
        self._clients: tuple[AIOKafkaAdminClient, AIOKafkaConsumer] | None = None
        self._starting = asyncio.Lock()
        self._reading = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def clients(self) -> AsyncIterator[tuple[AIOKafkaAdminClient, AIOKafkaConsumer]]:
        """The admin client and the reader, for one look; nobody else reads meanwhile."""
        async with self._reading:
            admin, reader = await self._started()
            try:
                yield admin, reader
            except BaseException:  # a Kafka error, or a look given up half-way: start afresh
                await self.stop()
                raise
            reader.pause(*reader.assignment())

    async def reachable(self) -> bool:
        """Whether the broker answers a metadata request about no topic (never waits for a look)."""
        try:
            admin, _ = await self._started()
            await admin.describe_topics([])
        except KafkaError:
            await self.stop()
            return False
        return True

    async def stop(self) -> None:
        async with self._starting:
            if self._clients is not None:
                admin, reader = self._clients
                self._clients = None
                await reader.stop()
                await admin.close()

    async def _started(self) -> tuple[AIOKafkaAdminClient, AIOKafkaConsumer]:
        async with self._starting:
            if self._clients is None:
                self._clients = await self._start()
            return self._clients

    async def _start(self) -> tuple[AIOKafkaAdminClient, AIOKafkaConsumer]:
        admin = AIOKafkaAdminClient(bootstrap_servers=self._bootstrap)
        reader = AIOKafkaConsumer(
            bootstrap_servers=self._bootstrap,
            group_id=None,
            enable_auto_commit=False,
            fetch_max_wait_ms=50,
        )
        await admin.start()
        try:
            await reader.start()
        except BaseException:
            await admin.close()
            raise
        return admin, reader
