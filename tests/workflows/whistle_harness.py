"""A whistle on the time-skipping server with recording activities, and ways to poke it."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta

from temporalio import activity
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from govkit.calendar import load_calendar
from workflows.model import (
    CaseEvent,
    CaseEventKind,
    ClockPolicy,
    DeadlinesInput,
    DispatchTaskInput,
    EscalationInput,
    ReminderInput,
    WhistleInput,
    WhistleState,
)
from workflows.policy import load_clock_policy
from workflows.whistle import WhistleWorkflow

ACKNOWLEDGE = timedelta(minutes=30)  # the packaged policy: 30 min, reminder 10 min before
LADDER_STEP = timedelta(minutes=30)
HANDLE_NORMAL = timedelta(hours=24)


class RecordedCommands:
    """Activities with the real names that record what the workflow asked enforcement to do."""

    def __init__(self) -> None:
        self.dispatched: list[DispatchTaskInput] = []
        self.escalations: list[EscalationInput] = []
        self.reminders: list[ReminderInput] = []
        self.deadlines: list[DeadlinesInput] = []

    @activity.defn(name="dispatch_department_task")
    async def dispatch(self, command: DispatchTaskInput) -> None:
        self.dispatched.append(command)

    @activity.defn(name="record_escalation")
    async def escalate(self, command: EscalationInput) -> None:
        self.escalations.append(command)

    @activity.defn(name="send_reminder")
    async def remind(self, command: ReminderInput) -> None:
        self.reminders.append(command)

    @activity.defn(name="set_task_deadlines")
    async def set_deadlines(self, command: DeadlinesInput) -> None:
        self.deadlines.append(command)

    def count(self) -> int:
        return sum(map(len, (self.dispatched, self.escalations, self.reminders, self.deadlines)))

    def escalated(self) -> list[tuple[str, str, int]]:
        """(department, clock, level) of every escalation, in order."""
        return [(e.task_id.split(":")[1], e.clock, e.level) for e in self.escalations]


def whistle(
    departments: list[str], severity: str = "normal", policy: ClockPolicy | None = None
) -> WhistleInput:
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
        severity=severity,
        policy=policy or load_clock_policy(),
        calendar=load_calendar(),
    )


@dataclass
class Whistle:
    env: WorkflowEnvironment | None  # None on the real server, where time cannot be skipped
    input: WhistleInput
    handle: WorkflowHandle
    commands: RecordedCommands
    queue: str
    sent: list[str] = field(default_factory=list)

    def task(self, department: str) -> str:
        return f"{self.input.case_id}:{department}"

    async def tell(self, kind: CaseEventKind, department: str | None = None, **extra) -> str:
        """Signal a case event with a fresh id; returns the id so a test can resend it."""
        event_id = str(uuid.uuid4())
        await self.resend(event_id, kind, department, **extra)
        return event_id

    async def resend(self, event_id, kind, department=None, **extra) -> None:
        task_id = self.task(department) if department else None
        await self.handle.signal(
            WhistleWorkflow.case_event, CaseEvent(event_id, kind, task_id, **extra)
        )

    async def state(self) -> WhistleState:
        return await self.handle.query(WhistleWorkflow.state)

    async def settle(self) -> None:
        """Wait until the whistle is at rest: no activity running, state and commands unchanged.

        A query may be answered before the workflow code has run on a signal, so one quiet look
        is not enough; two in a row are.
        """
        previous = None
        for _ in range(200):
            state = await self.state()
            running = (await self.handle.describe()).raw_description.pending_activities
            snapshot = (state, self.commands.count())
            if not running and snapshot == previous:
                return
            previous = None if running else snapshot
            await asyncio.sleep(0.02)
        raise AssertionError(f"whistle {self.handle.id} did not come to rest")

    async def progress(self, department: str):
        return next(d for d in (await self.state()).departments if d.department == department)

    async def sleep(self, duration: timedelta) -> None:
        assert self.env is not None, "only the time-skipping server can skip time"
        await self.settle()
        await self.env.sleep(duration)
        await self.settle()


def worker(client: Client, commands: RecordedCommands, queue: str) -> Worker:
    return Worker(
        client,
        task_queue=queue,
        workflows=[WhistleWorkflow],
        activities=[commands.dispatch, commands.escalate, commands.remind, commands.set_deadlines],
    )


async def start(
    env: WorkflowEnvironment | None,
    client: Client,
    commands: RecordedCommands,
    whistle_input: WhistleInput,
    queue: str,
) -> Whistle:
    handle = await client.start_workflow(
        WhistleWorkflow.run, whistle_input, id=f"whistle-{whistle_input.case_id}", task_queue=queue
    )
    running = Whistle(env, whistle_input, handle, commands, queue)
    for _ in range(200):  # until every department is dispatched
        if len(commands.dispatched) == len(whistle_input.departments):
            return running
        await asyncio.sleep(0.02)
    raise AssertionError(f"whistle {handle.id} did not dispatch {whistle_input.departments}")


@contextlib.asynccontextmanager
async def running_whistle(
    env: WorkflowEnvironment, departments: list[str], severity: str = "normal"
) -> AsyncIterator[Whistle]:
    """A worker and a started whistle; the whistle is terminated if the test leaves it open."""
    commands, queue = RecordedCommands(), str(uuid.uuid4())
    async with worker(env.client, commands, queue):
        running = await start(env, env.client, commands, whistle(departments, severity), queue)
        try:
            yield running
        finally:
            description = await running.handle.describe()
            if description.status == WorkflowExecutionStatus.RUNNING:
                await running.handle.terminate("test finished")
