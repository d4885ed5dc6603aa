"""The rectification workflow (整改督办): one order's deadline, reminder, re-inspection, ladder.

Deterministic like the whistle: time only from workflow.now() and timers, all I/O in
activities. One loop sends the commands the signals queued, then whatever the clock says is
due (rectification_clocks.py), and sleeps until the next thing falls due or a signal arrives.
Inspections owns the order's status and decides on 销号; the workflow keeps its time and ends
when told the order is closed. An event id already seen changes nothing.
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from temporalio import workflow

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
    from workflows.commands import Activity, send
    from workflows.rectification_activities import InspectionsCommands
    from workflows.rectification_clocks import (
        OrderAction,
        due_actions,
        next_due,
        working_days_after,
    )
    from workflows.rectification_model import OrderClock, RectificationInput
    from workflows.signals import Delivered

RECOUNTED = "按工作日历核定整改期限 (the term counted on the working calendar as loaded)"
REOPENED = "复查未通过，重新限期整改 (the re-inspection failed: a new term to rectify)"
OVERDUE = "逾期未完成整改 (not rectified by the deadline)"


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
                await send(*self._queued.pop(0))
            # One at a time: a signal during an activity may have stopped the clock.
            while due := due_actions(self._clock, self._rules, self._calendar, workflow.now()):
                await self._act(due[0])
            wake = next_due(self._clock, self._rules, self._calendar, workflow.now())
            with contextlib.suppress(TimeoutError):
                await workflow.wait_condition(
                    self._news, timeout=None if wake is None else wake - workflow.now()
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
        """Whether this event is new: each is applied once however often it is delivered."""
        if event_id in self._seen_events:
            return False
        self._seen_events.add(event_id)
        return True

    def _news(self) -> bool:
        """Whether the loop must look again before the next thing falls due: every signal
        that changes the clock queues a command or closes the order."""
        return self._clock.closed or bool(self._queued)

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
            await send(InspectionsCommands.send_order_reminder, reminder)
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
        await send(InspectionsCommands.record_order_escalation, escalation)
