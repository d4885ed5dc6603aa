"""The whistle workflow (镇街吹哨、部门报到): call departments, run their clocks, escalate.

Deterministic: time only from workflow.now() and timers; all I/O happens in activities. Each
department task has its own watcher that sleeps until its next reminder or escalation rung is
due (see clocks.py) or until something happens on the task. Each kind of case event arrives as
its own signal carrying the contract event; a task's status is the one enforcement announced,
and an event id already seen changes nothing.

Once the township closes the case the whistle keeps the case's own clocks: the on-site
confirmation (核查, escalated once if missed), then the reporter's rating window (评价); "not
solved" or a 不满意 the township takes up re-opens the case, its tasks come back as rework.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Callable, Coroutine
from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    import govkit.calendar  # noqa: F401  (the sandbox must see it to decode WhistleInput)
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
        RatingExpired,
        RecordEscalation,
        ResolutionConfirmed,
        SendReminder,
        SetTaskDeadlines,
        TaskAcknowledged,
        TaskDisputed,
        TaskOutcomeSubmitted,
        TaskSentBack,
    )
    from contracts.vocabulary import TASK_ENDED, Clock, Department, DisputeRuling, TaskStatus
    from workflows import changes
    from workflows.activities import EnforcementCommands
    from workflows.clocks import ClockAction, deadline_after, due_actions, next_due
    from workflows.closure import Closure
    from workflows.commands import send
    from workflows.legacy import CaseEvent, accepted_before
    from workflows.legacy import CaseEventKind as Kind
    from workflows.model import DepartmentProgress, WhistleInput, WhistleState
    from workflows.signals import Delivered

ESCALATION_REASONS = {
    Clock.ACKNOWLEDGE: "未在时限内报到 (not acknowledged before the deadline)",
    Clock.HANDLE: "未在时限内处置反馈 (not handled and fed back before the deadline)",
    Clock.RULING: "镇街未在时限内裁定异议 (the township did not rule on the dispute in time)",
}
OVERRULED = "异议被驳回，请报到 (dispute overruled: report for duty)"
REWORK = "返工，处置时限重新起算 (sent back: handling clock restarts)"
RESUMED = "恢复计时 (clock resumed; paused time does not count)"

CLOSURE_PATCH = "closure-confirmation-and-rating"
DUE_WHILE_SENDING_PATCH = "act-on-what-fell-due-while-sending"
DISPATCH_TOGETHER_PATCH = "dispatch-departments-together"
DISPATCH_IN_ONE_ACTIVITY_PATCH = "dispatch-in-one-activity"
"""Closing no longer ends the whistle: it runs the confirmation and rating clocks. Histories
of before it end at the close, and replay so."""


@workflow.defn
class WhistleWorkflow:
    """One incident's whistle: dispatch every department, run its clocks, escalate the late."""

    @workflow.init
    def __init__(self, whistle: WhistleInput) -> None:
        self._whistle = whistle
        self._closed = False  # the township closed the case (a re-opening undoes it)
        self._closure = Closure(whistle.case_id, whistle.policy.closure, whistle.calendar)
        self._follow_ups: list[Callable[[], Coroutine[Any, Any, None]]] = []
        self._progress: dict[str, DepartmentProgress] = {}
        self._versions: dict[str, int] = {}
        self._seen_events: set[str] = set()
        self._to_dispatch: list[DepartmentProgress] = []
        self._deadline_changes: list[tuple[str, str, str]] = []
        for index, department in enumerate(whistle.departments):
            self._call(department, lead=index == 0)

    @workflow.run
    async def run(self, whistle: WhistleInput) -> WhistleState:
        """Dispatch, then keep dispatching, re-timing and following closures up until all is done."""
        watchers: list[asyncio.Task[None]] = []
        while True:
            await workflow.wait_condition(
                lambda: (
                    self._closure.over
                    or bool(self._to_dispatch or self._deadline_changes or self._follow_ups)
                )
            )
            if self._to_dispatch and workflow.patched(DISPATCH_TOGETHER_PATCH):
                watchers.extend(await self._dispatch_together())
            while self._to_dispatch:
                progress = self._to_dispatch.pop(0)
                await send(EnforcementCommands.dispatch_department_task, self._dispatch(progress))
                watchers.append(asyncio.create_task(self._watch(progress)))
            while self._deadline_changes:
                await self._send_deadlines(*self._deadline_changes.pop(0))
            while self._follow_ups:
                watchers.append(asyncio.create_task(self._follow_ups.pop(0)()))
            if self._closure.over:
                break
        await asyncio.gather(*watchers)
        return self.state()

    @workflow.query
    def state(self) -> WhistleState:
        """Where every department stands: status, deadlines, escalation, pause and rework."""
        return WhistleState(
            self._whistle.case_id,
            self._whistle.severity,
            self._closed,
            list(self._progress.values()),
            len(self._seen_events),
            self._whistle.district,
            self._whistle.township,
            self._closure.phase,
            self._closure.closures,
            self._closure.confirm_by,
            self._closure.rate_by,
        )

    @workflow.signal
    def acknowledged(self, signal: Delivered[TaskAcknowledged]) -> None:
        """A department reported for duty (报到)."""
        self._moved(signal.event_id, signal.event.task_id, TaskStatus.ACKNOWLEDGED)

    @workflow.signal
    def handled(self, signal: Delivered[TaskOutcomeSubmitted]) -> None:
        """A department fed back what it did."""
        self._moved(signal.event_id, signal.event.task_id, TaskStatus.FED_BACK)

    @workflow.signal
    def disputed(self, signal: Delivered[TaskDisputed]) -> None:
        """A department disputed its task: its clocks stop and the township's ruling clock runs."""
        self._disputed(signal.event_id, signal.event.task_id)

    @workflow.signal
    def dispute_ruled(self, signal: Delivered[DisputeRuled]) -> None:
        """The township ruled: the department must act after all, or another one takes over."""
        ruled = signal.event
        if ruled.ruling == DisputeRuling.INSIST:
            self._overruled(signal.event_id, ruled.task_id)
        else:
            to = [ruled.reassign_to] if ruled.reassign_to else []
            self._reassigned(signal.event_id, ruled.task_id, to)

    @workflow.signal
    def sent_back(self, signal: Delivered[TaskSentBack]) -> None:
        """The township sent a department's result back (返工): its handling clock restarts."""
        self._sent_back(signal.event_id, signal.event.task_id)

    @workflow.signal
    def pause_decided(self, signal: Delivered[ClockPauseDecided]) -> None:
        """The township decided on a pause; an approved one stops the handling clock."""
        if signal.event.approved:
            self._paused(signal.event_id, signal.event.task_id)

    @workflow.signal
    def resumed(self, signal: Delivered[ClockResumed]) -> None:
        """A paused handling clock runs again, with the paused time given back."""
        self._resumed(signal.event_id, signal.event.task_id)

    @workflow.signal
    def departments_called(self, signal: Delivered[DepartmentsCalled]) -> None:
        """The township called more departments onto the case by hand."""
        self._called(signal.event_id, signal.event.departments)

    @workflow.signal
    def released(self, signal: Delivered[DepartmentReleased]) -> None:
        """The township took a department off the case: its clocks stop."""
        self._moved(signal.event_id, signal.event.task_id, TaskStatus.RELEASED)

    @workflow.signal
    def closed(self, signal: Delivered[CaseClosed]) -> None:
        """The township closed the case: every clock stops and the on-site confirmation starts."""
        self._close(signal.event_id)

    @workflow.signal
    def confirmed(self, signal: Delivered[ResolutionConfirmed]) -> None:
        """Confirmed on site: solved opens the rating window; not solved, a re-opening follows."""
        if not self._first(signal.event_id):
            return
        if rate_by := self._closure.confirmed(signal.event.solved, workflow.now()):
            closure = self._closure.closures
            self._follow_ups.append(functools.partial(self._closure.rating, closure, rate_by))

    @workflow.signal
    def reopened(self, signal: Delivered[CaseReopened]) -> None:
        """The case is open again; its tasks come back as rework, each as `sent_back`."""
        if self._first(signal.event_id):
            self._closed = False
            self._closure.reopened()

    @workflow.signal
    def rated(self, signal: Delivered[CaseRated]) -> None:
        """The reporter rated: a 不满意 waits for the township's review, any other rating ends."""
        if self._first(signal.event_id):
            self._closure.rated(signal.event.satisfaction)

    @workflow.signal
    def rating_expired(self, signal: Delivered[RatingExpired]) -> None:
        """No rating came in time: the case is not rated, and nothing is left to time."""
        if self._first(signal.event_id):
            self._closure.end()

    @workflow.signal
    def reviewed(self, signal: Delivered[DissatisfactionReviewed]) -> None:
        """The township kept the case closed after a 不满意 (a re-opening comes as `reopened`)."""
        if self._first(signal.event_id) and not signal.event.reopen:
            self._closure.end()

    @workflow.signal(name="case_event")
    def case_event(self, event: CaseEvent) -> None:
        """A case event in the single-signal shape of earlier bridges (see legacy.py)."""
        event_id, task_id = event.event_id, event.task_id or ""
        progress = self._progress.get(task_id)
        if progress is not None and not accepted_before(event.kind, progress.step):
            self._task(event_id, task_id)  # seen, and its watcher woken: all the old one did
            return
        match event.kind:
            case Kind.ACKNOWLEDGED:
                self._moved(event_id, task_id, TaskStatus.ACKNOWLEDGED)
            case Kind.HANDLED:
                self._moved(event_id, task_id, TaskStatus.FED_BACK)
            case Kind.DISPUTED:
                self._disputed(event_id, task_id)
            case Kind.RULED_INSIST:
                self._overruled(event_id, task_id)
            case Kind.RULED_REASSIGN:
                self._reassigned(event_id, task_id, event.departments)
            case Kind.SENT_BACK:
                self._sent_back(event_id, task_id)
            case Kind.PAUSED:
                self._paused(event_id, task_id)
            case Kind.RESUMED:
                self._resumed(event_id, task_id)
            case Kind.DEPARTMENTS_CALLED:
                self._called(event_id, event.departments)
            case Kind.RELEASED:
                self._moved(event_id, task_id, TaskStatus.RELEASED)
            case Kind.CLOSED:
                self._close(event_id)

    # Each change sets the status its event announces, as enforcement's own projection does,
    # wherever the task was: enforcement decided the transition. The whistle keeps the clocks.

    def _first(self, event_id: str) -> bool:
        """Whether this event is new: each is applied once however often it is delivered."""
        if event_id in self._seen_events:
            return False
        self._seen_events.add(event_id)
        return True

    def _task(self, event_id: str, task_id: str) -> DepartmentProgress | None:
        """The task a new event is about, its watcher woken to look at its clocks again."""
        if not self._first(event_id) or task_id not in self._progress:
            return None
        self._versions[task_id] += 1
        return self._progress[task_id]

    def _moved(self, event_id: str, task_id: str, status: TaskStatus) -> None:
        if progress := self._task(event_id, task_id):
            progress.step = status

    def _disputed(self, event_id: str, task_id: str) -> None:
        if progress := self._task(event_id, task_id):
            progress.step = TaskStatus.DISPUTED
            changes.dispute(progress, self._whistle, workflow.now())

    def _overruled(self, event_id: str, task_id: str) -> None:
        if progress := self._task(event_id, task_id):
            progress.step = TaskStatus.DISPATCHED
            changes.insist(progress, self._whistle, workflow.now())
            self._deadline_changes.append((task_id, OVERRULED, event_id))

    def _reassigned(self, event_id: str, task_id: str, departments: list[Department]) -> None:
        if progress := self._task(event_id, task_id):
            progress.step, progress.ruling_by = TaskStatus.REASSIGNED, None
            for department in departments:
                self._call(department, lead=progress.lead)

    def _sent_back(self, event_id: str, task_id: str) -> None:
        if progress := self._task(event_id, task_id):
            progress.step = TaskStatus.ACKNOWLEDGED
            changes.send_back(progress, self._whistle, workflow.now())
            self._deadline_changes.append((task_id, REWORK, event_id))

    def _paused(self, event_id: str, task_id: str) -> None:
        if progress := self._task(event_id, task_id):
            changes.pause(progress, workflow.now())

    def _resumed(self, event_id: str, task_id: str) -> None:
        progress = self._task(event_id, task_id)
        if progress and changes.resume(progress, self._whistle, workflow.now()):
            self._deadline_changes.append((task_id, RESUMED, event_id))

    def _called(self, event_id: str, departments: list[Department]) -> None:
        if not self._first(event_id):
            return
        for department in departments:
            if not any(_active(p) and p.department == department for p in self._progress.values()):
                self._call(department, lead=False)

    def _close(self, event_id: str) -> None:
        """Every clock stops, fed-back tasks close; the confirmation starts if the rules have one."""
        if not self._first(event_id):
            return
        self._closed = True
        for progress in self._progress.values():
            if progress.step == TaskStatus.FED_BACK:
                progress.step = TaskStatus.CLOSED
        rules = self._closure.rules
        if rules is None or not workflow.patched(CLOSURE_PATCH):
            self._closure.end()
            return
        confirm_by = self._closure.closed(rules, workflow.now())
        self._follow_ups.append(
            functools.partial(self._closure.confirmation, rules, self._closure.closures, confirm_by)
        )

    def _call(self, department: Department, *, lead: bool) -> None:
        """Give a department its task and start its clocks; the dispatch itself is queued."""
        now, policy, calendar = workflow.now(), self._whistle.policy, self._whistle.calendar
        progress = DepartmentProgress(
            department=department,
            task_id=self._new_task_id(department),
            lead=lead,
            step=TaskStatus.DISPATCHED,
            acknowledge_by=deadline_after(now, policy.acknowledge, calendar),
            handle_by=deadline_after(now, policy.handle[self._whistle.severity], calendar),
        )
        self._progress[progress.task_id] = progress
        self._versions[progress.task_id] = 0
        self._to_dispatch.append(progress)

    def _new_task_id(self, department: Department) -> str:
        """`<case>:<department>`; a department called again after leaving gets `:2`, `:3`..."""
        task_id, attempt = f"{self._whistle.case_id}:{department}", 1
        while task_id in self._progress:
            attempt += 1
            task_id = f"{self._whistle.case_id}:{department}:{attempt}"
        return task_id

    async def _dispatch_together(self) -> list[asyncio.Task[None]]:
        """Send every queued dispatch at once, in one activity, then start each task's watcher.

        Whistles started before `dispatch-in-one-activity` ran one activity per department,
        and replay so."""
        queued, self._to_dispatch = self._to_dispatch, []
        commands = [self._dispatch(progress) for progress in queued]
        if workflow.patched(DISPATCH_IN_ONE_ACTIVITY_PATCH):
            await send(EnforcementCommands.dispatch_department_tasks, commands)
        else:
            dispatch = EnforcementCommands.dispatch_department_task
            await asyncio.gather(*(send(dispatch, command) for command in commands))
        return [asyncio.create_task(self._watch(progress)) for progress in queued]

    def _dispatch(self, progress: DepartmentProgress) -> DispatchDepartmentTask:
        whistle = self._whistle
        return DispatchDepartmentTask(
            task_id=progress.task_id,
            case_id=whistle.case_id,
            incident_id=whistle.incident_id,
            incident_type=whistle.incident_type,
            department=progress.department,
            district=whistle.district,
            township=whistle.township,
            grid=whistle.grid,
            summary=whistle.summary,
            acknowledge_by=progress.acknowledge_by,
            handle_by=progress.handle_by,
            severity=whistle.severity,
            lead=progress.lead,
        )

    async def _watch(self, progress: DepartmentProgress) -> None:
        """Send each reminder and escalation rung of this task when it falls due."""
        policy, severity = self._whistle.policy, self._whistle.severity
        while not self._closure.over and progress.step not in TASK_ENDED:
            for action in due_actions(progress, policy, severity, workflow.now()):
                await self._act(progress, action)
            # Sending takes time: a rung that fell due meanwhile goes out now, not at the next one.
            if due_actions(progress, policy, severity, workflow.now()) and workflow.patched(
                DUE_WHILE_SENDING_PATCH
            ):
                continue
            version = self._versions[progress.task_id]
            wake = next_due(progress, policy, severity, workflow.now())
            with contextlib.suppress(TimeoutError):
                await workflow.wait_condition(
                    functools.partial(self._woken, progress.task_id, version),
                    timeout=None if wake is None else wake - workflow.now(),
                )

    def _woken(self, task_id: str, version: int) -> bool:
        """Whether a watcher must look again: the whistle ended or something happened on its task."""
        return self._closure.over or self._versions[task_id] != version

    async def _act(self, progress: DepartmentProgress, action: ClockAction) -> None:
        progress.done.append(action.key)
        action_id = f"{workflow.info().workflow_id}:{progress.task_id}:{action.key}"
        if action.reaches is None:
            if workflow.now() >= action.deadline:
                return  # a reminder after its deadline helps nobody: the escalation follows
            await send(
                EnforcementCommands.send_reminder,
                SendReminder(
                    reminder_id=action_id,
                    task_id=progress.task_id,
                    case_id=self._whistle.case_id,
                    clock=action.clock,
                    deadline=action.deadline,
                ),
            )
            return
        progress.escalation_level = max(progress.escalation_level, action.level)
        await send(
            EnforcementCommands.record_escalation,
            RecordEscalation(
                escalation_id=action_id,
                task_id=progress.task_id,
                case_id=self._whistle.case_id,
                level=action.level,
                reason=ESCALATION_REASONS[action.clock],
                missed_deadline=action.deadline,
                clock=action.clock,
                reaches=action.reaches,
            ),
        )

    async def _send_deadlines(self, task_id: str, reason: str, event_id: str) -> None:
        progress = self._progress[task_id]
        await send(
            EnforcementCommands.set_task_deadlines,
            SetTaskDeadlines(
                change_id=f"{workflow.info().workflow_id}:deadlines:{event_id}",
                task_id=task_id,
                case_id=self._whistle.case_id,
                acknowledge_by=progress.acknowledge_by,
                handle_by=progress.handle_by,
                reason=reason,
            ),
        )


def _active(progress: DepartmentProgress) -> bool:
    return progress.step not in TASK_ENDED
