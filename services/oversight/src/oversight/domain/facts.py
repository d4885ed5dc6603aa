"""The oversight fold: what each event on `enforcement.cases` changes in the leadership facts.

Pure (no clock, no I/O). The consumer folds each event of the `FOLDED_EVENTS` types once through
`evolve`, and a recompute from the raw timelines folds every event through the same function
(any other type leaves the facts as they are), so the two can only disagree if delivery did
(a lost or doubly applied event).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from contracts.events import (
    CaseClosed,
    DepartmentReleased,
    DepartmentTaskDispatched,
    DisputeRuled,
    Message,
    TaskAcknowledged,
    TaskDeadlinesSet,
    TaskEscalated,
    TaskOutcomeSubmitted,
    TaskSentBack,
)
from contracts.vocabulary import Clock, DisputeRuling
from govkit.calendar import load_calendar

# A ruling escalation is the township's miss (it did not rule on a dispute in time), not the
# department's, so it never counts in a department's figures.
DEPARTMENT_CLOCKS = frozenset({Clock.ACKNOWLEDGE, Clock.HANDLE})


class EndState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"  # its case was verified and closed by the township
    REASSIGNED = "reassigned"  # a dispute was ruled for another department
    RELEASED = "released"  # the township took the department off the case


@dataclass(frozen=True)
class TaskFacts:
    """One department task as leadership counts it."""

    task_id: str
    case_id: str
    department: str
    district: str
    township: str
    week: str  # ISO week of dispatch in the calendar's timezone, e.g. 2026-W47
    dispatched_at: datetime
    acknowledge_by: datetime  # the deadline in force (moved by TaskDeadlinesSet)
    handle_by: datetime | None = None
    acknowledged_at: datetime | None = None  # the first 报到
    acknowledged_on_time: bool | None = None  # judged against the deadline in force then
    fed_back_at: datetime | None = None  # the last feedback
    fed_back_on_time: bool | None = None  # the last feedback against handle_by in force then
    rework_count: int = 0
    escalations: int = 0  # acknowledge and handle escalations only
    max_escalation_level: int = 0
    end_state: EndState = EndState.OPEN

    @property
    def counted(self) -> bool:
        """Reassigned and released tasks were never the department's to answer for."""
        return self.end_state not in (EndState.REASSIGNED, EndState.RELEASED)


@dataclass(frozen=True)
class CaseFacts:
    case_id: str
    district: str
    township: str
    opened_at: datetime  # the first dispatch
    closed_at: datetime | None = None


@dataclass(frozen=True)
class Facts:
    """Everything oversight knows of one case: the case and its department tasks by id."""

    case: CaseFacts | None = None
    tasks: Mapping[str, TaskFacts] = field(default_factory=dict)


@functools.cache
def _zone() -> ZoneInfo:
    return ZoneInfo(load_calendar().timezone)


def iso_week(moment: datetime) -> str:
    """The ISO week `moment` falls in, on the working calendar's clock (Asia/Shanghai)."""
    year, week, _ = moment.astimezone(_zone()).isocalendar()
    return f"{year}-W{week:02d}"


def evolve(facts: Facts, message: Message) -> Facts:
    """The facts after `message`; events that change no figure leave them as they are."""
    if isinstance(message, DepartmentTaskDispatched):
        return _dispatched(facts, message)
    if isinstance(message, CaseClosed):
        return _closed(facts, message)
    change = _TASK_CHANGES.get(type(message))
    task = facts.tasks.get(getattr(message, "task_id", ""))
    if change is None or task is None:
        return facts
    return replace(facts, tasks={**facts.tasks, task.task_id: change(task, message)})


def _dispatched(facts: Facts, event: DepartmentTaskDispatched) -> Facts:
    if event.task_id in facts.tasks:  # a task is dispatched once; keep what followed
        return facts
    task = TaskFacts(
        task_id=event.task_id,
        case_id=event.case_id,
        department=event.department.value,
        district=event.district,
        township=event.township,
        week=iso_week(event.dispatched_at),
        dispatched_at=event.dispatched_at,
        acknowledge_by=event.acknowledge_by,
        handle_by=event.handle_by,
    )
    case = facts.case or CaseFacts(
        case_id=event.case_id,
        district=event.district,
        township=event.township,
        opened_at=event.dispatched_at,
    )
    case = replace(case, opened_at=min(case.opened_at, event.dispatched_at))
    return Facts(case=case, tasks={**facts.tasks, task.task_id: task})


def _closed(facts: Facts, event: CaseClosed) -> Facts:
    if facts.case is None:
        return facts
    tasks = {
        task_id: replace(task, end_state=EndState.CLOSED)
        if task.end_state == EndState.OPEN
        else task
        for task_id, task in facts.tasks.items()
    }
    return Facts(case=replace(facts.case, closed_at=event.closed_at), tasks=tasks)


def _acknowledged(task: TaskFacts, event: TaskAcknowledged) -> TaskFacts:
    if task.acknowledged_at is not None:
        return task
    return replace(
        task,
        acknowledged_at=event.acknowledged_at,
        acknowledged_on_time=event.acknowledged_at <= task.acknowledge_by,
    )


def _deadlines_set(task: TaskFacts, event: TaskDeadlinesSet) -> TaskFacts:
    return replace(task, acknowledge_by=event.acknowledge_by, handle_by=event.handle_by)


def _outcome(task: TaskFacts, event: TaskOutcomeSubmitted) -> TaskFacts:
    # Without a handling deadline there is nothing to be late for.
    on_time = task.handle_by is None or event.submitted_at <= task.handle_by
    return replace(task, fed_back_at=event.submitted_at, fed_back_on_time=on_time)


def _sent_back(task: TaskFacts, event: TaskSentBack) -> TaskFacts:
    return replace(task, rework_count=event.rework_count)


def _escalated(task: TaskFacts, event: TaskEscalated) -> TaskFacts:
    if event.clock not in DEPARTMENT_CLOCKS:
        return task
    return replace(
        task,
        escalations=task.escalations + 1,
        max_escalation_level=max(task.max_escalation_level, event.level),
    )


def _ruled(task: TaskFacts, event: DisputeRuled) -> TaskFacts:
    if event.ruling != DisputeRuling.REASSIGN:
        return task
    return _ended(task, EndState.REASSIGNED)


def _released(task: TaskFacts, _event: DepartmentReleased) -> TaskFacts:
    return _ended(task, EndState.RELEASED)


def _ended(task: TaskFacts, state: EndState) -> TaskFacts:
    return replace(task, end_state=state) if task.end_state == EndState.OPEN else task


_TASK_CHANGES: dict[type[Message], Callable[[TaskFacts, Any], TaskFacts]] = {
    TaskAcknowledged: _acknowledged,
    TaskDeadlinesSet: _deadlines_set,
    TaskOutcomeSubmitted: _outcome,
    TaskSentBack: _sent_back,
    TaskEscalated: _escalated,
    DisputeRuled: _ruled,
    DepartmentReleased: _released,
}
FOLDED_EVENTS: tuple[type[Message], ...] = (DepartmentTaskDispatched, CaseClosed, *_TASK_CHANGES)
"""The event types `evolve` has a rule for; every other type leaves the facts as they are."""
