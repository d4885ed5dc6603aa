"""The whistle workflow on Temporal's time-skipping test server: deadlines without waiting."""

from __future__ import annotations

import os
import uuid
from datetime import timedelta

import pytest
from temporalio import activity
from temporalio.client import Client, WorkflowHandle
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from workflows.model import DispatchTaskInput, EscalationInput, TaskSignal, WhistleInput
from workflows.whistle import WhistleWorkflow

pytestmark = pytest.mark.workflow

ACKNOWLEDGE_WITHIN = 30 * 60


class RecordedCommands:
    """Activities with the real names that record what the workflow asked enforcement to do."""

    def __init__(self) -> None:
        self.dispatched: list[DispatchTaskInput] = []
        self.escalations: list[EscalationInput] = []

    @activity.defn(name="dispatch_department_task")
    async def dispatch(self, command: DispatchTaskInput) -> None:
        self.dispatched.append(command)

    @activity.defn(name="record_escalation")
    async def escalate(self, command: EscalationInput) -> None:
        self.escalations.append(command)


@pytest.fixture(scope="module")
async def env():
    path = os.environ.get("TEMPORAL_TEST_SERVER")
    if not path:
        pytest.fail(
            "TEMPORAL_TEST_SERVER is not set: run via `make test` (deploy/local/stack.sh paths)"
        )
    async with await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=path, data_converter=pydantic_data_converter
    ) as environment:
        yield environment


def _whistle(departments: list[str]) -> WhistleInput:
    case_id = str(uuid.uuid4())
    return WhistleInput(
        case_id=case_id,
        incident_id=case_id,
        incident_type="unlicensed_school",
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
        summary="启航学堂：无证办学",
        departments=departments,
        acknowledge_within_seconds=ACKNOWLEDGE_WITHIN,
    )


async def _start(client: Client, commands: RecordedCommands, whistle: WhistleInput, queue: str):
    return await client.start_workflow(
        WhistleWorkflow.run, whistle, id=f"whistle-{whistle.case_id}", task_queue=queue
    )


def _worker(client: Client, commands: RecordedCommands, queue: str) -> Worker:
    return Worker(
        client,
        task_queue=queue,
        workflows=[WhistleWorkflow],
        activities=[commands.dispatch, commands.escalate],
    )


async def _acknowledge(handle: WorkflowHandle, whistle: WhistleInput, department: str) -> None:
    await handle.signal(
        WhistleWorkflow.task_acknowledged, TaskSignal(f"{whistle.case_id}:{department}")
    )


async def test_acknowledged_in_time_escalates_nobody_and_closure_completes(env):
    commands, queue = RecordedCommands(), str(uuid.uuid4())
    whistle = _whistle(["education", "market_supervision"])
    async with _worker(env.client, commands, queue):
        handle = await _start(env.client, commands, whistle, queue)
        for department in whistle.departments:
            await _acknowledge(handle, whistle, department)
        await env.sleep(timedelta(seconds=ACKNOWLEDGE_WITHIN * 2))
        await handle.signal(WhistleWorkflow.case_closed)
        state = await handle.result()
    assert [c.department for c in commands.dispatched] == ["education", "market_supervision"]
    assert commands.escalations == []
    assert state.closed and all(d.acknowledged for d in state.departments)


async def test_missed_deadline_escalates_that_department_exactly_once(env):
    commands, queue = RecordedCommands(), str(uuid.uuid4())
    whistle = _whistle(["public_security", "education"])
    async with _worker(env.client, commands, queue):
        handle = await _start(env.client, commands, whistle, queue)
        await _acknowledge(handle, whistle, "public_security")
        await env.sleep(timedelta(seconds=ACKNOWLEDGE_WITHIN - 60))
        assert commands.escalations == []
        await env.sleep(timedelta(seconds=120))
        await env.sleep(timedelta(hours=24))
        state = await handle.query(WhistleWorkflow.state)
    assert [(e.task_id, e.level) for e in commands.escalations] == [
        (f"{whistle.case_id}:education", 1)
    ]
    deadline = commands.dispatched[0].acknowledge_by
    assert commands.escalations[0].missed_deadline == deadline
    levels = {d.department: d.escalation_level for d in state.departments}
    assert levels == {"public_security": 0, "education": 1}
    await handle.terminate("test finished")
