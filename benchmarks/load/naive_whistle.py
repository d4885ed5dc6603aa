"""The naive floor: how many whistles a second bare Temporal runs on this machine when each one
is shaped naively (4 activities, 4 signals and a timer), with nothing of ours around it.

The platform's throughput is given as a ratio to it: at 1.0 the whole platform, Kafka and the
services included, carries as many incidents as Temporal alone carries naive whistles.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import timedelta

from temporalio import activity, workflow
from temporalio.client import Client
from temporalio.worker import Worker

SIGNALS = 4
ACTIVITIES = 4
TIMER = timedelta(seconds=1)
IN_FLIGHT = 60  # whistles under way at once: the timer alone must not bound the rate


@activity.defn
async def naive_command(step: int) -> int:
    return step


@workflow.defn
class NaiveWhistle:
    def __init__(self) -> None:
        self._signals = 0

    @workflow.run
    async def run(self) -> None:
        for step in range(ACTIVITIES):
            await workflow.execute_activity(
                naive_command, step, start_to_close_timeout=timedelta(seconds=30)
            )
        await workflow.wait_condition(lambda: self._signals >= SIGNALS)
        await workflow.sleep(TIMER)

    @workflow.signal
    def news(self) -> None:
        self._signals += 1


async def throughput(address: str, seconds: float) -> float:
    """Naive whistles completed per second, `IN_FLIGHT` at a time, for `seconds`."""
    client = await Client.connect(address)
    queue = f"load-naive-{uuid.uuid4().hex[:8]}"
    done = 0
    deadline = time.monotonic() + seconds

    async def one_after_another() -> None:
        nonlocal done
        while time.monotonic() < deadline:
            handle = await client.start_workflow(
                NaiveWhistle.run, id=f"{queue}-{uuid.uuid4().hex[:8]}", task_queue=queue
            )
            for _ in range(SIGNALS):
                await handle.signal(NaiveWhistle.news)
            await handle.result()
            done += 1

    async with Worker(
        client, task_queue=queue, workflows=[NaiveWhistle], activities=[naive_command]
    ):
        started = time.monotonic()
        await asyncio.gather(*(one_after_another() for _ in range(IN_FLIGHT)))
        return done / (time.monotonic() - started)
