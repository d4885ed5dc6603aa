"""What one whistle costs Temporal: history events, workflow tasks, activity tasks and timers per
incident, and report → every task dispatched on the bare dev server at a given rate.

    .venv/bin/python -m benchmarks.whistle_actions [--rate 10] [--seconds 20] [--never-share 0.2]

The real WhistleWorkflow and the real command activities run on a task queue of their own; the
only stand-in is the Kafka producer under the activities, which notes when each command would
have been published. Each whistle is routed as the load harness's report (无证办学); a
department acknowledges 2 s after its dispatch, except a --never-share of them, whose 报到
deadline (15 s, benchmarks/load/short_clocks.json) runs out and escalates. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import random
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from temporalio.api.enums.v1 import EventType
from temporalio.client import Client
from temporalio.worker import Worker

from benchmarks.load.arrivals import check_bounds, open_loop, require_loopback
from benchmarks.load.report import Measure
from contracts.events import DispatchDepartmentTask, TaskAcknowledged
from contracts.vocabulary import IncidentType
from tests.workflows.whistle_harness import whistle as test_whistle
from workflows.activities import EnforcementCommands
from workflows.data_converter import data_converter
from workflows.policy import load_clock_policy, load_routing_table, route
from workflows.sandbox import workflow_runner
from workflows.signals import Delivered
from workflows.whistle import WhistleWorkflow

SHORT_CLOCKS = Path(__file__).parent / "load" / "short_clocks.json"
ACK_DELAY = 2.0
COUNTED = {
    "history events": None,
    "workflow tasks": EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
    "activity tasks": EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
    "markers (patches, local activities)": EventType.EVENT_TYPE_MARKER_RECORDED,
    "timers started": EventType.EVENT_TYPE_TIMER_STARTED,
    "signals": EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
}


class Run:
    def __init__(self, client: Client, queue: str, never_share: float, seed: int) -> None:
        self.client, self.queue = client, queue
        self.never_share, self.random = never_share, random.Random(seed)
        self.departments, _ = route(load_routing_table(), IncidentType.UNLICENSED_SCHOOL)
        self.policy = load_clock_policy(SHORT_CLOCKS.read_text())
        self.started: dict[str, float] = {}
        self.dispatched: dict[str, list[float]] = collections.defaultdict(list)
        self.acknowledgers: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        whistle = test_whistle(list(self.departments), policy=self.policy)
        self.started[whistle.case_id] = time.time()
        await self.client.start_workflow(
            WhistleWorkflow.run,
            whistle,
            id=f"whistle-{whistle.case_id}",
            task_queue=self.queue,
            request_eager_start=True,  # as the workflows process's bridge starts them
        )

    def on_dispatch(self, command: dict[str, Any]) -> None:
        data = command["data"]
        self.dispatched[data["case_id"]].append(time.time())
        if self.random.random() >= self.never_share:
            self.acknowledgers.append(asyncio.create_task(self.acknowledge(data)))

    async def acknowledge(self, task: dict[str, Any]) -> None:
        await asyncio.sleep(ACK_DELAY)
        event = TaskAcknowledged(
            task_id=task["task_id"],
            case_id=task["case_id"],
            department=task["department"],
            officer="bench",
            acknowledged_at=datetime.now(UTC),
        )
        handle = self.client.get_workflow_handle(f"whistle-{task['case_id']}")
        await handle.signal(
            WhistleWorkflow.acknowledged, Delivered(event_id=str(uuid.uuid4()), event=event)
        )

    def all_dispatched(self) -> list[float]:
        wanted = len(self.departments)
        return [
            times[-1] - self.started[case]
            for case, times in self.dispatched.items()
            if len(times) >= wanted
        ]


class DispatchNoter:
    """Stands where the Kafka broker stands under the activities: hands each dispatch to the run."""

    def __init__(self, run: Run) -> None:
        self.run = run

    async def publish(self, body: dict[str, Any], *, topic: str, key: bytes) -> None:
        if body["type"] == DispatchDepartmentTask.EVENT_TYPE:
            self.run.on_dispatch(body)


async def histories(client: Client, case_ids: list[str]) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = {name: [] for name in COUNTED}
    for case_id in case_ids:
        events = (await client.get_workflow_handle(f"whistle-{case_id}").fetch_history()).events
        for name, event_type in COUNTED.items():
            counts[name].append(
                len(events)
                if event_type is None
                else sum(e.event_type == event_type for e in events)
            )
    return counts


async def main(args: argparse.Namespace) -> None:
    client = await Client.connect(args.temporal, data_converter=data_converter)
    queue = f"bench-whistle-{uuid.uuid4().hex[:8]}"
    run = Run(client, queue, args.never_share, args.seed)
    commands = EnforcementCommands(DispatchNoter(run))  # type: ignore[arg-type]
    async with Worker(
        client,
        task_queue=queue,
        workflows=[WhistleWorkflow],
        activities=commands.activities(),
        workflow_runner=workflow_runner,
    ):
        await run.start()  # warm the worker
        await asyncio.sleep(1)
        run.started.clear()
        run.dispatched.clear()
        cpu_before = time.process_time()
        spread = await open_loop(args.rate, args.seconds, run.start)
        settle_by = time.time() + 60
        while len(run.all_dispatched()) < len(run.started) and time.time() < settle_by:
            await asyncio.sleep(0.2)
        # Past the 15 s 报到 deadline and its escalation, then the acknowledgers' signals done.
        await asyncio.sleep(20)
        await asyncio.gather(*run.acknowledgers)
        cpu = time.process_time() - cpu_before
        counts = await histories(client, list(run.started))
    latency = Measure("report → all dispatched", run.all_dispatched(), 0, 0)
    print(
        f"{len(run.started)} whistles started at {len(run.started) / spread:.1f}/s "
        f"({len(run.departments)} departments each, never-share {args.never_share:g})"
    )
    print(
        f"start → every task dispatched: p50 {latency.percentile(50) * 1000:.0f} ms, "
        f"p99 {latency.percentile(99) * 1000:.0f} ms, "
        f"max {max(latency.samples, default=float('nan')) * 1000:.0f} ms, "
        f"missing {len(run.started) - len(latency.samples)}"
    )
    print(
        f"CPU of this process (worker, activities, the run itself) per whistle: "
        f"{cpu / len(run.started) * 1000:.1f} ms"
    )
    for name, values in counts.items():
        print(f"{name} per whistle: mean {sum(values) / len(values):.1f}, max {max(values)}")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--temporal", default="127.0.0.1:7233")
    parser.add_argument("--rate", type=float, default=10)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--never-share", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    require_loopback(args.temporal)
    check_bounds(args.rate, args.seconds)
    return args


if __name__ == "__main__":
    asyncio.run(main(arguments()))
