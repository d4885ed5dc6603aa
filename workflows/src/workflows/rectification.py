"""The rectification workflow (整改督办): one order's deadline, reminder, re-inspection, ladder.

Deterministic like the whistle: time only from workflow.now() and timers, all I/O in
activities. One loop sends the commands the signals queued, then whatever the clock says is
due (rectification_clocks.py), and sleeps until the next thing falls due or a signal arrives.
Inspections owns the order's status and decides on 销号; the workflow keeps its time and ends
when told the order is closed. An event id already seen changes nothing.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    import govkit.calendar  # noqa: F401  (the sandbox must see it to decode the input)
    from contracts.events import (
        Message,
        RecordOrderEscalation,
        RectificationEvidenceSubmitted,
        RectificationOrderAcknowledged,
        RectificationOrderClosed,
        ReinspectionRecorded,
        ScheduleReinspection,
        SendOrderReminder,
        SetOrderDeadline,
    )
    from workflows.rectification_activities import InspectionsCommands
    from workflows.rectification_clocks import (
        OrderAction,
        due_actions,
        next_due,
        working_days_after,
    )
    from workflows.rectification_model import OrderClock, RectificationInput
    from workflows.signals import Delivered

COMMAND_TIMEOUT = timedelta(seconds=30)
COMMAND_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1), maximum_interval=timedelta(seconds=30)
)
RECOUNTED = "按工作日历核定整改期限 (the term counted on the working calendar as loaded)"
REOPENED = "复查未通过，重新限期整改 (the re-inspection failed: a new term to rectify)"
OVERDUE = "逾期未完成整改 (not rectified by the deadline)"

Activity = Callable[[InspectionsCommands, Any], Awaitable[None]]


@workflow.defn
class RectificationWorkflow:
    """One rectification order: its term on the working calendar, until it is closed (销号)."""

    @workflow.init
    def __init__(self, order: RectificationInput) -> None:
        issued = order.order
        self._order, self._rules, self._calendar = issued, order.rules, order.calendar
        self._clock = OrderClock(issued.order_id, issued.deadline, started=issued.issued_at)
        self._seen_events: set[str] = set()
        self._queued: list[tuple[Activity, Message]] = []
        self._version = 0
        # Inspections counted the first deadline on the calendar it shipped with; this one
        # follows the years an administrator loaded since, so it may know another holiday.
        counted = self._term_from(issued.issued_at)
        if counted != issued.deadline:
            self._set_deadline(counted, RECOUNTED)

    @workflow.run
    async def run(self, order: RectificationInput) -> OrderClock:
        """Send what is queued and what falls due, until the order is closed."""
        while not self._clock.closed:
            while self._queued:
                await self._execute(*self._queued.pop(0))
            for action in due_actions(self._clock, self._rules, self._calendar, workflow.now()):
                await self._act(action)
            version = self._version
            wake = next_due(self._clock, self._rules, self._calendar, workflow.now())
            with contextlib.suppress(TimeoutError):
                await workflow.wait_condition(
                    functools.partial(self._changed_since, version),
                    timeout=None if wake is None else wake - workflow.now(),
                )
        return self._clock

    @workflow.query
    def state(self) -> OrderClock:
        """Where the order's clock stands: deadline, cycle, rungs reached, stopped or running."""
        return self._clock

    @workflow.signal
    def acknowledged(self, signal: Delivered[RectificationOrderAcknowledged]) -> None:
        """The unit signed for the order (签收)."""
        if self._first(signal.event_id):
            self._clock.acknowledged = True

    @workflow.signal
    def evidence_submitted(self, signal: Delivered[RectificationEvidenceSubmitted]) -> None:
        """The unit submitted its evidence: the clock stops and a re-inspection is scheduled."""
        if not self._first(signal.event_id):
            return
        self._clock.running = False
        due_by = working_days_after(
            workflow.now(), self._rules.reinspect_within_working_days, self._calendar
        )
        task_id = f"{workflow.info().workflow_id}:reinspection:{signal.event.round}"
        command = ScheduleReinspection(
            task_id=task_id, order_id=self._order.order_id, due_by=due_by
        )
        self._queued.append((InspectionsCommands.schedule_reinspection, command))

    @workflow.signal
    def reinspected(self, signal: Delivered[ReinspectionRecorded]) -> None:
        """An inspector re-inspected (复查); a failed one re-opens the clock with a new term."""
        if not self._first(signal.event_id) or signal.event.passed:
            return
        clock = self._clock
        clock.cycle, clock.started, clock.running = clock.cycle + 1, workflow.now(), True
        clock.first_rung = clock.level
        self._set_deadline(self._term_from(workflow.now()), REOPENED)

    @workflow.signal
    def closed(self, signal: Delivered[RectificationOrderClosed]) -> None:
        """The order is closed (销号): the clock stops for good and the workflow ends."""
        if self._first(signal.event_id):
            self._clock.closed, self._clock.running = True, False

    def _first(self, event_id: str) -> bool:
        """Whether this event is new, waking the loop if so: each is applied once."""
        if event_id in self._seen_events:
            return False
        self._seen_events.add(event_id)
        self._version += 1
        return True

    def _changed_since(self, version: int) -> bool:
        return self._version != version

    def _term_from(self, start: datetime) -> datetime:
        days = self._rules.term_working_days[self._order.severity]
        return working_days_after(start, days, self._calendar)

    def _set_deadline(self, deadline: datetime, reason: str) -> None:
        self._clock.deadline = deadline
        command = SetOrderDeadline(
            change_id=f"{workflow.info().workflow_id}:deadline:{self._clock.cycle}",
            order_id=self._order.order_id,
            deadline=deadline,
            reason=reason,
        )
        self._queued.append((InspectionsCommands.set_order_deadline, command))

    async def _act(self, action: OrderAction) -> None:
        clock = self._clock
        clock.done.append(action.key)
        action_id = f"{workflow.info().workflow_id}:{action.key}"
        if action.rung is None:
            if workflow.now() >= clock.deadline:
                return  # a reminder after its deadline helps nobody: the ladder follows
            reminder = SendOrderReminder(
                reminder_id=action_id, order_id=clock.order_id, deadline=clock.deadline
            )
            await self._execute(InspectionsCommands.send_order_reminder, reminder)
            return
        clock.level = action.level
        escalation = RecordOrderEscalation(
            escalation_id=action_id,
            order_id=clock.order_id,
            rung=action.rung,
            level=action.level,
            missed_deadline=clock.deadline,
            reason=OVERDUE,
        )
        await self._execute(InspectionsCommands.record_order_escalation, escalation)

    async def _execute(self, activity: Activity, message: Message) -> None:
        await workflow.execute_activity_method(
            activity,
            message,
            start_to_close_timeout=COMMAND_TIMEOUT,
            retry_policy=COMMAND_RETRY,
        )
