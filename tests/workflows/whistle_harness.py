"""A whistle on the time-skipping server with recording activities, and ways to poke it."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from temporalio import activity
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from contracts.events import (
    CaseClosed,
    CaseRated,
    CaseReopened,
    ClockPauseDecided,
    ClockResumed,
    DepartmentReleased,
    DepartmentsCalled,
    DispatchDepartmentTask,
    DisputeRuled,
    DissatisfactionReviewed,
    ExpireRating,
    Message,
    RatingExpired,
    RecordConfirmationOverdue,
    RecordEscalation,
    RequestConfirmation,
    RequestRating,
    ResolutionConfirmed,
    SendReminder,
    SetTaskDeadlines,
    TaskAcknowledged,
    TaskDisputed,
    TaskOutcomeSubmitted,
    TaskSentBack,
)
from contracts.vocabulary import (
    Department,
    DisputeRuling,
    IncidentType,
    ReopenCause,
    Satisfaction,
    Severity,
    TaskOutcome,
)
from govkit.calendar import load_calendar
from workflows.bridge import Signal
from workflows.model import ClockPolicy, WhistleInput, WhistleState
from workflows.policy import load_clock_policy
from workflows.sandbox import workflow_runner
from workflows.signals import Delivered
from workflows.whistle import WhistleWorkflow

# The whistle never reads when an event happened, only that it did.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ACKNOWLEDGE = timedelta(minutes=30)  # the packaged policy: 30 min, reminder 10 min before
LADDER_STEP = timedelta(minutes=30)
HANDLE_NORMAL = timedelta(hours=24)


class RecordedCommands:
    """Activities with the real names that record what the workflow asked enforcement to do."""

    def __init__(self) -> None:
        self.dispatched: list[DispatchDepartmentTask] = []
        self.escalations: list[RecordEscalation] = []
        self.reminders: list[SendReminder] = []
        self.deadlines: list[SetTaskDeadlines] = []
        self.confirmations: list[RequestConfirmation] = []
        self.overdue: list[RecordConfirmationOverdue] = []
        self.ratings: list[RequestRating] = []
        self.expired: list[ExpireRating] = []

    @activity.defn(name="dispatch_department_tasks")
    async def dispatch_all(self, commands: list[DispatchDepartmentTask]) -> None:
        self.dispatched.extend(commands)

    @activity.defn(name="dispatch_department_task")
    async def dispatch(self, command: DispatchDepartmentTask) -> None:
        self.dispatched.append(command)

    @activity.defn(name="record_escalation")
    async def escalate(self, command: RecordEscalation) -> None:
        self.escalations.append(command)

    @activity.defn(name="send_reminder")
    async def remind(self, command: SendReminder) -> None:
        self.reminders.append(command)

    @activity.defn(name="set_task_deadlines")
    async def set_deadlines(self, command: SetTaskDeadlines) -> None:
        self.deadlines.append(command)

    @activity.defn(name="request_confirmation")
    async def request_confirmation(self, command: RequestConfirmation) -> None:
        self.confirmations.append(command)

    @activity.defn(name="record_confirmation_overdue")
    async def record_confirmation_overdue(self, command: RecordConfirmationOverdue) -> None:
        self.overdue.append(command)

    @activity.defn(name="request_rating")
    async def request_rating(self, command: RequestRating) -> None:
        self.ratings.append(command)

    @activity.defn(name="expire_rating")
    async def expire_rating(self, command: ExpireRating) -> None:
        self.expired.append(command)

    def activities(self) -> list[Any]:
        return [
            self.dispatch_all,
            self.dispatch,
            self.escalate,
            self.remind,
            self.set_deadlines,
            self.request_confirmation,
            self.record_confirmation_overdue,
            self.request_rating,
            self.expire_rating,
        ]

    def count(self) -> int:
        recorded = (self.dispatched, self.escalations, self.reminders, self.deadlines)
        closure = (self.confirmations, self.overdue, self.ratings, self.expired)
        return sum(map(len, (*recorded, *closure)))

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
        incident_type=IncidentType.UNLICENSED_SCHOOL,
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
        summary="启航学堂：无证办学",
        departments=[Department(d) for d in departments],
        severity=Severity(severity),
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

    def task(self, department: str) -> str:
        return f"{self.input.case_id}:{department}"

    async def tell(self, signal: Signal, event: Message) -> Delivered[Any]:
        """Signal a case event with a fresh envelope id; returns it so a test can resend it."""
        delivered = Delivered(event_id=str(uuid.uuid4()), event=event)
        await self.resend(signal, delivered)
        return delivered

    async def resend(self, signal: Signal, delivered: Delivered[Any]) -> None:
        await self.handle.signal(signal, delivered)

    async def acknowledged(self, department: str) -> Delivered[Any]:
        event = TaskAcknowledged(**self._about(department), officer="officer", acknowledged_at=NOW)
        return await self.tell(WhistleWorkflow.acknowledged, event)

    async def handled(self, department: str) -> Delivered[Any]:
        event = TaskOutcomeSubmitted(
            **self._about(department),
            officer="officer",
            outcome=TaskOutcome.RECTIFICATION_ORDERED,
            note="责令整改",
            submitted_at=NOW,
        )
        return await self.tell(WhistleWorkflow.handled, event)

    async def disputed(self, department: str) -> Delivered[Any]:
        event = TaskDisputed(
            **self._about(department), officer="officer", reason="非本部门职责", disputed_at=NOW
        )
        return await self.tell(WhistleWorkflow.disputed, event)

    async def ruled(self, department: str, reassign_to: str | None = None) -> Delivered[Any]:
        """The township insists, or reassigns the task to `reassign_to`."""
        event = DisputeRuled(
            **self._about(department),
            ruling=DisputeRuling.REASSIGN if reassign_to else DisputeRuling.INSIST,
            reassign_to=reassign_to,
            reason="裁定",
            ruled_by="township",
            ruled_at=NOW,
        )
        return await self.tell(WhistleWorkflow.dispute_ruled, event)

    async def sent_back(self, department: str) -> Delivered[Any]:
        event = TaskSentBack(
            **self._about(department),
            reason="材料不全",
            officer="township",
            rework_count=1,
            sent_back_at=NOW,
        )
        return await self.tell(WhistleWorkflow.sent_back, event)

    async def pause_decided(self, department: str, *, approved: bool = True) -> Delivered[Any]:
        event = ClockPauseDecided(
            **self._about(department),
            pause_id="pause-1",
            approved=approved,
            decided_by="township",
            decided_at=NOW,
        )
        return await self.tell(WhistleWorkflow.pause_decided, event)

    async def resumed(self, department: str) -> Delivered[Any]:
        event = ClockResumed(
            **self._about(department), pause_id="pause-1", resumed_by="officer", resumed_at=NOW
        )
        return await self.tell(WhistleWorkflow.resumed, event)

    async def departments_called(self, *departments: str) -> Delivered[Any]:
        event = DepartmentsCalled(
            case_id=self.input.case_id,
            departments=[Department(d) for d in departments],
            reason="现场需要",
            called_by="township",
            called_at=NOW,
        )
        return await self.tell(WhistleWorkflow.departments_called, event)

    async def released(self, department: str) -> Delivered[Any]:
        event = DepartmentReleased(
            **self._about(department), reason="无需参与", released_by="township", released_at=NOW
        )
        return await self.tell(WhistleWorkflow.released, event)

    async def closed(self) -> Delivered[Any]:
        event = CaseClosed(
            case_id=self.input.case_id,
            incident_id=self.input.incident_id,
            verified_by="township",
            closed_at=NOW,
        )
        return await self.tell(WhistleWorkflow.closed, event)

    async def confirmed(self, *, solved: bool, round: int = 1) -> Delivered[Any]:
        event = ResolutionConfirmed(
            case_id=self.input.case_id,
            round=round,
            solved=solved,
            note="已现场核查",
            confirmed_by="grid_dongtang",
            confirmed_at=NOW,
        )
        return await self.tell(WhistleWorkflow.confirmed, event)

    async def reopened(self, cause: ReopenCause, *, round: int = 1) -> Delivered[Any]:
        event = CaseReopened(
            case_id=self.input.case_id,
            round=round,
            cause=cause,
            reason="仍在上课",
            reopened_by="grid_dongtang",
            reopened_at=NOW,
        )
        return await self.tell(WhistleWorkflow.reopened, event)

    async def rated(self, satisfaction: Satisfaction, *, round: int = 1) -> Delivered[Any]:
        event = CaseRated(
            case_id=self.input.case_id,
            round=round,
            satisfaction=satisfaction,
            reason="周末仍有补课" if satisfaction == Satisfaction.DISSATISFIED else None,
            rated_by="grid_dongtang",
            rated_at=NOW,
        )
        return await self.tell(WhistleWorkflow.rated, event)

    async def rating_expired(self, *, round: int = 1) -> Delivered[Any]:
        event = RatingExpired(case_id=self.input.case_id, round=round, rate_by=NOW, expired_at=NOW)
        return await self.tell(WhistleWorkflow.rating_expired, event)

    async def reviewed(self, *, reopen: bool, round: int = 1) -> Delivered[Any]:
        event = DissatisfactionReviewed(
            case_id=self.input.case_id,
            round=round,
            reopen=reopen,
            reason="研判",
            reviewed_by="township",
            reviewed_at=NOW,
        )
        return await self.tell(WhistleWorkflow.reviewed, event)

    def _about(self, department: str) -> dict[str, Any]:
        """The fields naming a department's task on this case."""
        return {
            "task_id": self.task(department),
            "case_id": self.input.case_id,
            "department": Department(department),
        }

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
        activities=commands.activities(),
        workflow_runner=workflow_runner,
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
    env: WorkflowEnvironment,
    departments: list[str],
    severity: str = "normal",
    policy: ClockPolicy | None = None,
    commands: RecordedCommands | None = None,
) -> AsyncIterator[Whistle]:
    """A worker and a started whistle; the whistle is terminated if the test leaves it open."""
    commands, queue = commands or RecordedCommands(), str(uuid.uuid4())
    async with worker(env.client, commands, queue):
        started = whistle(departments, severity, policy)
        running = await start(env, env.client, commands, started, queue)
        try:
            yield running
        finally:
            description = await running.handle.describe()
            if description.status == WorkflowExecutionStatus.RUNNING:
                await running.handle.terminate("test finished")
