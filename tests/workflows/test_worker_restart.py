"""On the real Temporal server: a deadline that passes while no worker runs escalates once.

Time cannot be skipped here, so the clocks are seconds long. The worker is stopped before the
報到 deadline, the deadline passes, and the worker is started twice more: the escalation is
sent by the first restart and never again (its id is derived from the workflow, and replay
does not repeat a completed activity).
"""

from __future__ import annotations

import asyncio
import json
import uuid

import pytest
from temporalio.client import Client

from tests.support.stack import TEMPORAL
from tests.support.waiting import eventually
from tests.workflows.whistle_harness import RecordedCommands, start, whistle, worker
from workflows.data_converter import data_converter
from workflows.policy import load_clock_policy

pytestmark = pytest.mark.integration

RUNG = {"ladder": ["department_lead", "district_office", "city_leadership"]}
SECONDS_POLICY = json.dumps(
    {
        "acknowledge": {
            "within": "2s",
            "working_time": False,
            "remind_before": "1s",
            "ladder_step": "1h",
            **RUNG,
        },
        "handle": {
            severity: {
                "within": "2h",
                "working_time": False,
                "remind_before": "1h",
                "ladder_step": "1h",
                **RUNG,
            }
            for severity in ("urgent", "normal", "complex")
        },
        "ruling": {
            "within": "1h",
            "working_time": False,
            "remind_before": "30m",
            "ladder_step": "1h",
            **RUNG,
        },
        "confirm": {"within": "1h", "working_time": False, "escalate_to": "district_office"},
        "rating": {"within": "1h", "working_time": False},
    }
)


async def test_a_deadline_passing_while_the_worker_is_down_escalates_exactly_once(stack_up):
    client = await Client.connect(TEMPORAL, data_converter=data_converter)
    commands, queue = RecordedCommands(), f"restart-{uuid.uuid4()}"
    policy = load_clock_policy(SECONDS_POLICY)
    async with worker(client, commands, queue):
        w = await start(None, client, commands, whistle(["education"], policy=policy), queue)
    try:
        await asyncio.sleep(3)  # the 报到 deadline passes with no worker running
        assert commands.escalations == []
        async with worker(client, commands, queue):
            await eventually(_escalations_of(commands), timeout=30, what="the escalation")
        async with worker(client, commands, queue):
            await w.settle()
            await asyncio.sleep(1)
        assert commands.escalated() == [("education", "acknowledge", 1)]
    finally:
        await w.handle.terminate("test finished")


def _escalations_of(commands: RecordedCommands):
    async def probe():
        return commands.escalations

    return probe
