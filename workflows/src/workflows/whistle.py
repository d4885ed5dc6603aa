"""The whistle workflow (镇街吹哨、部门报到): call departments, run their clocks, escalate.

Deterministic: time only from workflow.now() and timers; all I/O happens in activities. Each
department task has its own watcher that sleeps until its next reminder or escalation rung is
due (see clocks.py) or until something happens on the task. Case events arrive as one signal,
de-duplicated on the event id, so a redelivered event changes nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    import govkit.calendar  # noqa: F401  (the sandbox must see it to decode WhistleInput)
    from contracts.vocabulary import Clock
    from workflows.activities import EnforcementCommands
    from workflows.clocks import (
        ClockAction,
        deadline_after,
        due_actions,
        next_due,
        resumed_deadline,
    )
    from workflows.model import (
        CaseEvent,
        CaseEventKind,
        DeadlinesInput,
        DepartmentProgress,
        DispatchTaskInput,
        EscalationInput,
        ReminderInput,
        Step,
        WhistleInput,
        WhistleState,
    )

ACTIVITY_OPTIONS = {
    "start_to_close_timeout": timedelta(seconds=30),
    "retry_policy": RetryPolicy(
        initial_interval=timedelta(seconds=1), maximum_interval=timedelta(seconds=30)
    ),
}

ESCALATION_REASONS = {
    Clock.ACKNOWLEDGE: "未在时限内报到 (not acknowledged before the deadline)",
    Clock.HANDLE: "未在时限内处置反馈 (not handled and fed back before the deadline)",
    Clock.RULING: "镇街未在时限内裁定异议 (the township did not rule on the dispute in time)",
}


@workflow.defn
class WhistleWorkflow:
    @workflow.init
    def __init__(self, whistle: WhistleInput) -> None:
        self._whistle = whistle
        self._closed = False
        self._progress: dict[str, DepartmentProgress] = {}
        self._versions: dict[str, int] = {}
        self._seen_events: set[str] = set()
        self._to_dispatch: list[DepartmentProgress] = []
        self._deadline_changes: list[tuple[str, str, str]] = []
        for index, department in enumerate(whistle.departments):
            self._call(department, lead=index == 0)

    @workflow.run
    async def run(self, whistle: WhistleInput) -> WhistleState:
        """Dispatch, then keep dispatching and re-timing on request until the case closes."""
        watchers: list[asyncio.Task] = []
        while True:
            await workflow.wait_condition(
                lambda: self._closed or bool(self._to_dispatch or self._deadline_changes)
            )
            while self._to_dispatch:
                progress = self._to_dispatch.pop(0)
                await workflow.execute_activity_method(
                    EnforcementCommands.dispatch_department_task,
                    self._dispatch_input(progress),
                    **ACTIVITY_OPTIONS,
                )
                watchers.append(asyncio.create_task(self._watch(progress)))
            while self._deadline_changes:
                await self._send_deadlines(*self._deadline_changes.pop(0))
            if self._closed:
                break
        await asyncio.gather(*watchers)
        return self.state()

    def _call(self, department: str, *, lead: bool) -> None:
        """Give a department its task and start its clocks; the dispatch itself is queued."""
        now, policy, calendar = workflow.now(), self._whistle.policy, self._whistle.calendar
        progress = DepartmentProgress(
            department=department,
            task_id=self._new_task_id(department),
            lead=lead,
            step=Step.DISPATCHED,
            acknowledge_by=deadline_after(now, policy.acknowledge, calendar),
            handle_by=deadline_after(now, policy.handle[self._whistle.severity], calendar),
        )
        self._progress[progress.task_id] = progress
        self._versions[progress.task_id] = 0
        self._to_dispatch.append(progress)

    def _new_task_id(self, department: str) -> str:
        """`<case>:<department>`; a department called again after leaving gets `:2`, `:3`..."""
        task_id, attempt = f"{self._whistle.case_id}:{department}", 1
        while task_id in self._progress:
            attempt += 1
            task_id = f"{self._whistle.case_id}:{department}:{attempt}"
        return task_id

    async def _watch(self, progress: DepartmentProgress) -> None:
        """Send each reminder and escalation rung of this task when it falls due."""
        policy, severity = self._whistle.policy, self._whistle.severity
        while not self._closed and progress.step not in (Step.REASSIGNED, Step.RELEASED):
            for action in due_actions(progress, policy, severity, workflow.now()):
                await self._act(progress, action)
            version = self._versions[progress.task_id]
            wake = next_due(progress, policy, severity, workflow.now())
            with contextlib.suppress(TimeoutError):
                await workflow.wait_condition(
                    lambda seen=version: self._closed or self._versions[progress.task_id] != seen,
                    timeout=None if wake is None else wake - workflow.now(),
                )

    async def _act(self, progress: DepartmentProgress, action: ClockAction) -> None:
        progress.done.append(action.key)
        action_id = f"{workflow.info().workflow_id}:{progress.task_id}:{action.key}"
        if action.reaches is None:
            if workflow.now() >= action.deadline:
                return  # a reminder after its deadline helps nobody: the escalation follows
            await workflow.execute_activity_method(
                EnforcementCommands.send_reminder,
                ReminderInput(
                    action_id,
                    progress.task_id,
                    self._whistle.case_id,
                    action.clock,
                    action.deadline,
                ),
                **ACTIVITY_OPTIONS,
            )
            return
        progress.escalation_level = max(progress.escalation_level, action.level)
        await workflow.execute_activity_method(
            EnforcementCommands.record_escalation,
            EscalationInput(
                escalation_id=action_id,
                task_id=progress.task_id,
                case_id=self._whistle.case_id,
                clock=action.clock,
                level=action.level,
                reaches=action.reaches,
                reason=ESCALATION_REASONS[action.clock],
                missed_deadline=action.deadline,
            ),
            **ACTIVITY_OPTIONS,
        )

    async def _send_deadlines(self, task_id: str, reason: str, event_id: str) -> None:
        progress = self._progress[task_id]
        await workflow.execute_activity_method(
            EnforcementCommands.set_task_deadlines,
            DeadlinesInput(
                change_id=f"{workflow.info().workflow_id}:deadlines:{event_id}",
                task_id=task_id,
                case_id=self._whistle.case_id,
                acknowledge_by=progress.acknowledge_by,
                handle_by=progress.handle_by,
                reason=reason,
            ),
            **ACTIVITY_OPTIONS,
        )

    @workflow.signal
    def case_event(self, event: CaseEvent) -> None:
        """Something happened on the case; applied once per event id."""
        if event.event_id in self._seen_events:
            return
        self._seen_events.add(event.event_id)
        kind = CaseEventKind(event.kind)
        if kind == CaseEventKind.CLOSED:
            self._closed = True
        elif kind == CaseEventKind.DEPARTMENTS_CALLED:
            for department in event.departments:
                if not any(
                    _active(p) and p.department == department for p in self._progress.values()
                ):
                    self._call(department, lead=False)
        elif event.task_id in self._progress:
            self._apply(self._progress[event.task_id], kind, event, workflow.now())
            self._versions[event.task_id] += 1

    def _apply(
        self, progress: DepartmentProgress, kind: CaseEventKind, event: CaseEvent, now: datetime
    ) -> None:
        policy, calendar = self._whistle.policy, self._whistle.calendar
        handle_rule = policy.handle[self._whistle.severity]
        match kind:
            case CaseEventKind.ACKNOWLEDGED if progress.step == Step.DISPATCHED:
                progress.step = Step.ACKNOWLEDGED
            case CaseEventKind.HANDLED:
                progress.step = Step.HANDLED
            case CaseEventKind.DISPUTED if progress.step == Step.DISPATCHED:
                progress.step, progress.suspended_since = Step.DISPUTED, now
                progress.ruling_cycle += 1
                progress.ruling_by = deadline_after(now, policy.ruling, calendar)
            case CaseEventKind.RULED_INSIST if progress.step == Step.DISPUTED:
                progress.step, progress.ruling_by = Step.DISPATCHED, None
                progress.acknowledge_cycle += 1
                progress.acknowledge_by = deadline_after(now, policy.acknowledge, calendar)
                progress.handle_by = self._resumed(progress, now)
                self._deadline_changes.append(
                    (
                        progress.task_id,
                        "异议被驳回，请报到 (dispute overruled: report for duty)",
                        event.event_id,
                    )
                )
            case CaseEventKind.RULED_REASSIGN if progress.step == Step.DISPUTED:
                progress.step, progress.ruling_by = Step.REASSIGNED, None
                for department in event.departments:
                    self._call(department, lead=progress.lead)
            case CaseEventKind.SENT_BACK if progress.step == Step.HANDLED:
                progress.step = Step.ACKNOWLEDGED
                progress.rework_count += 1
                progress.handle_cycle += 1
                progress.handle_by = deadline_after(now, handle_rule, calendar)
                self._deadline_changes.append(
                    (
                        progress.task_id,
                        "返工，处置时限重新起算 (sent back: handling clock restarts)",
                        event.event_id,
                    )
                )
            case CaseEventKind.PAUSED if progress.step == Step.ACKNOWLEDGED and not progress.paused:
                progress.paused, progress.suspended_since = True, now
            case CaseEventKind.RESUMED if progress.paused:
                progress.handle_by = self._resumed(progress, now)
                progress.paused = False
                self._deadline_changes.append(
                    (
                        progress.task_id,
                        "恢复计时 (clock resumed; paused time does not count)",
                        event.event_id,
                    )
                )
            case CaseEventKind.RELEASED if _active(progress):
                progress.step = Step.RELEASED

    def _resumed(self, progress: DepartmentProgress, now: datetime) -> datetime:
        """The handling deadline pushed out by the time the clock stood still."""
        stopped_at, progress.suspended_since = progress.suspended_since or now, None
        return resumed_deadline(
            progress.handle_by,
            self._whistle.policy.handle[self._whistle.severity],
            self._whistle.calendar,
            stopped_at=stopped_at,
            now=now,
        )

    @workflow.query
    def state(self) -> WhistleState:
        return WhistleState(
            self._whistle.case_id,
            self._whistle.severity,
            self._closed,
            list(self._progress.values()),
            len(self._seen_events),
            self._whistle.district,
            self._whistle.township,
        )

    def _dispatch_input(self, progress: DepartmentProgress) -> DispatchTaskInput:
        whistle = self._whistle
        return DispatchTaskInput(
            workflow_id=workflow.info().workflow_id,
            task_id=progress.task_id,
            case_id=whistle.case_id,
            incident_id=whistle.incident_id,
            incident_type=whistle.incident_type,
            department=progress.department,
            lead=progress.lead,
            district=whistle.district,
            township=whistle.township,
            grid=whistle.grid,
            summary=whistle.summary,
            severity=whistle.severity,
            acknowledge_by=progress.acknowledge_by,
            handle_by=progress.handle_by,
        )


def _active(progress: DepartmentProgress) -> bool:
    return progress.step not in (Step.REASSIGNED, Step.RELEASED)
