"""A rectification order on the time-skipping server with recording activities.

The test server starts at the wall clock; orders start on the next Monday 09:00 ahead of it and
count on a calendar of weekdays (plus any holiday a test adds), so each date is known.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from temporalio import activity
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from contracts.events import (
    Message,
    RecordOrderEscalation,
    RectificationEvidenceSubmitted,
    RectificationOrderAcknowledged,
    RectificationOrderClosed,
    RectificationOrderIssued,
    ReinspectionRecorded,
    ScheduleReinspection,
    SendOrderReminder,
    SetOrderDeadline,
)
from contracts.events.inspections import UnitKind
from contracts.vocabulary import Severity
from govkit.calendar import WorkingCalendar, load_calendar
from inspections.domain.deadlines import first_deadline
from workflows.rectification import RectificationWorkflow
from workflows.rectification_model import (
    OrderClock,
    RectificationInput,
    load_rectification_rules,
    rectification_workflow_id,
)
from workflows.sandbox import workflow_runner
from workflows.signals import Delivered

SHANGHAI = ZoneInfo("Asia/Shanghai")
RULES = load_rectification_rules()
WEEKDAYS = WorkingCalendar(timezone="Asia/Shanghai", working_hours=load_calendar().working_hours)
"""Monday to Friday in office hours, no holiday: the weekday rule of a year nobody loaded."""


def on(day: datetime, days: int, clock: str = "17:30") -> datetime:
    """`clock` in Shanghai, `days` after `day`."""
    later = day.astimezone(SHANGHAI).date() + timedelta(days=days)
    return datetime.combine(later, time.fromisoformat(clock), SHANGHAI)


async def next_monday(env: WorkflowEnvironment) -> datetime:
    """Skip to 09:00 on the next Monday ahead of the test server's clock."""
    now = (await env.get_current_time()).astimezone(SHANGHAI)
    monday = on(now, 7 - now.weekday(), "09:00")
    await env.sleep(monday - now)
    return monday


class RecordedOrderCommands:
    """Activities with the real names that record what the workflow asked inspections to do."""

    def __init__(self) -> None:
        self.deadlines: list[SetOrderDeadline] = []
        self.reminders: list[SendOrderReminder] = []
        self.escalations: list[RecordOrderEscalation] = []
        self.reinspections: list[ScheduleReinspection] = []

    @activity.defn(name="set_order_deadline")
    async def set_deadline(self, command: SetOrderDeadline) -> None:
        self.deadlines.append(command)

    @activity.defn(name="send_order_reminder")
    async def remind(self, command: SendOrderReminder) -> None:
        self.reminders.append(command)

    @activity.defn(name="record_order_escalation")
    async def escalate(self, command: RecordOrderEscalation) -> None:
        self.escalations.append(command)

    @activity.defn(name="schedule_reinspection")
    async def schedule(self, command: ScheduleReinspection) -> None:
        self.reinspections.append(command)

    def activities(self) -> list[Any]:
        return [self.set_deadline, self.remind, self.escalate, self.schedule]

    def count(self) -> int:
        return sum(map(len, (self.deadlines, self.reminders, self.escalations, self.reinspections)))


def issued(at: datetime, severity: Severity = Severity.NORMAL) -> RectificationOrderIssued:
    """An order as inspections issues it: its first deadline counted on the weekday rule."""
    order_id = str(uuid.uuid4())
    return RectificationOrderIssued(
        order_id=order_id,
        number="yuhua-2026-0001",
        inspection_id=f"inspection-{order_id}",
        unit_id="unit-1",
        unit_kind=UnitKind.NON_SUBJECT_INSTITUTION,
        unit_name="星辰艺术培训中心",
        unit_code="52430111MJY0001028",
        institution_id="52430111MJY0001028",
        district="yuhua",
        township="dongtang",
        finding_ids=[f"finding-{order_id}"],
        severity=severity,
        deadline=first_deadline(at, RULES.term_working_days[severity], WEEKDAYS),
        inspector="inspector_yuhua",
        issued_at=at,
    )


def worker(client: Client, commands: RecordedOrderCommands, queue: str) -> Worker:
    """A worker that keeps no workflow in memory: each of its tasks replays the whole history, as
    after a restart, and no task waits on the sticky queue of a worker that has stopped (the
    time-skipping server would not skip the time it takes to give up on one)."""
    return Worker(
        client,
        task_queue=queue,
        workflows=[RectificationWorkflow],
        activities=commands.activities(),
        max_cached_workflows=0,
        workflow_runner=workflow_runner,
    )


@dataclass
class Order:
    env: WorkflowEnvironment
    issued: RectificationOrderIssued
    handle: WorkflowHandle
    commands: RecordedOrderCommands

    async def tell(self, signal: Any, event: Message) -> None:
        await self.handle.signal(signal, Delivered(event_id=str(uuid.uuid4()), event=event))

    async def acknowledged(self) -> None:
        event = RectificationOrderAcknowledged(
            **self._about(), acknowledged_by="staff_xingchen", acknowledged_at=await self._now()
        )
        await self.tell(RectificationWorkflow.acknowledged, event)

    async def evidence(self, round: int = 1) -> None:
        event = RectificationEvidenceSubmitted(
            **self._about(),
            round=round,
            files=1,
            submitted_by="staff_xingchen",
            submitted_at=await self._now(),
        )
        await self.tell(RectificationWorkflow.evidence_submitted, event)

    async def reinspected(self, *, passed: bool, round: int = 1) -> None:
        event = ReinspectionRecorded(
            **self._about(),
            round=round,
            passed=passed,
            note="复查",
            inspector="inspector_yuhua",
            reinspected_at=await self._now(),
        )
        await self.tell(RectificationWorkflow.reinspected, event)

    async def closed(self) -> None:
        event = RectificationOrderClosed(
            **self._about(),
            institution_id=self.issued.institution_id,
            finding_ids=self.issued.finding_ids,
            closed_by="inspector_yuhua",
            closed_at=await self._now(),
        )
        await self.tell(RectificationWorkflow.closed, event)

    def _about(self) -> dict[str, str]:
        return {"order_id": self.issued.order_id, "unit_id": self.issued.unit_id}

    async def _now(self) -> datetime:
        return await self.env.get_current_time()

    async def state(self) -> OrderClock:
        return await self.handle.query(RectificationWorkflow.state)

    async def settle(self) -> None:
        """Wait until the workflow has nothing in hand: no task or activity pending, and its
        history as long as at the look before."""
        before = None
        for _ in range(300):
            described = (await self.handle.describe()).raw_description
            busy = described.pending_activities or described.HasField("pending_workflow_task")
            length = described.workflow_execution_info.history_length
            if not busy and length == before:
                return
            before = None if busy else length
            await asyncio.sleep(0.02)
        raise AssertionError(f"order {self.handle.id} did not come to rest")

    async def sleep_until(self, moment: datetime) -> None:
        await self.settle()
        await self.env.sleep(moment - await self.env.get_current_time())
        await self.settle()


async def start(
    env: WorkflowEnvironment,
    commands: RecordedOrderCommands,
    queue: str,
    order: RectificationOrderIssued,
    calendar: WorkingCalendar = WEEKDAYS,
) -> Order:
    handle = await env.client.start_workflow(
        RectificationWorkflow.run,
        RectificationInput(order, RULES, calendar),
        id=rectification_workflow_id(order.order_id),
        task_queue=queue,
    )
    running = Order(env, order, handle, commands)
    await running.settle()
    return running


@contextlib.asynccontextmanager
async def running_order(
    env: WorkflowEnvironment, at: datetime, calendar: WorkingCalendar = WEEKDAYS
) -> AsyncIterator[Order]:
    """A worker and an order issued at `at`; the workflow is terminated if the test leaves it."""
    commands, queue = RecordedOrderCommands(), str(uuid.uuid4())
    async with worker(env.client, commands, queue):
        order = await start(env, commands, queue, issued(at), calendar)
        try:
            yield order
        finally:
            if (await order.handle.describe()).status == WorkflowExecutionStatus.RUNNING:
                await order.handle.terminate("test finished")
