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
    AccountabilityMeasureIssued,
    CaseClosed,
    CaseRated,
    CaseReopened,
    DepartmentReleased,
    DepartmentTaskDispatched,
    DisputeRuled,
    Message,
    RatingExpired,
    ResolutionConfirmed,
    TaskAcknowledged,
    TaskDeadlinesSet,
    TaskEscalated,
    TaskOutcomeSubmitted,
    TaskSentBack,
)
from contracts.vocabulary import AccountabilityMeasure, Clock, DisputeRuling
from govkit.calendar import load_calendar

# A ruling escalation is the township's miss (it did not rule on a dispute in time), not the
# department's, so it never counts in a department's figures.
DEPARTMENT_CLOCKS = frozenset({Clock.ACKNOWLEDGE, Clock.HANDLE})


class Rating(StrEnum):
    """The reporter's rating of a closure, or none in time."""

    SATISFIED = "satisfied"  # 满意
    BASICALLY_SATISFIED = "basically_satisfied"  # 基本满意
    DISSATISFIED = "dissatisfied"  # 不满意
    NOT_RATED = "not_rated"  # the window closed unrated: never counted as satisfied


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
    incident_type: str | None = None  # its case's (absent on tasks dispatched before it was sent)
    # The highest rung on any of its clocks, a township's ruling clock too: the level the task
    # shows in enforcement, so a case escalated here is one enforcement finds escalated.
    top_escalation_level: int = 0
    # Accountability measures (督办单 → 通报 → 约谈 → 问责) issued for a miss on this task.
    supervision_notices: int = 0
    public_notices: int = 0
    formal_talks: int = 0
    disciplinary_accountabilities: int = 0

    @property
    def counted(self) -> bool:
        """Reassigned and released tasks were never the department's to answer for."""
        return self.end_state not in (EndState.REASSIGNED, EndState.RELEASED)


@dataclass(frozen=True)
class CaseFacts:
    """One case; what follows a closure belongs to it and is undone with it by a re-opening."""

    case_id: str
    district: str
    township: str
    opened_at: datetime  # the first dispatch
    closed_at: datetime | None = None  # the closure in force (None while open or re-opened)
    solved: bool = False  # that closure was confirmed solved on site (核查)
    rating: Rating | None = None  # the reporter's rating of it, or not rated in time


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
    if (case_change := _CASE_CHANGES.get(type(message))) is not None:
        return facts if facts.case is None else case_change(facts, message)
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
        incident_type=event.incident_type.value if event.incident_type else None,
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
    case = replace(_case(facts), closed_at=event.closed_at, solved=False, rating=None)
    return Facts(case=case, tasks=_moved(facts, EndState.OPEN, EndState.CLOSED))


def _reopened(facts: Facts, _event: CaseReopened) -> Facts:
    """The closure is undone, and with it its confirmation and rating; its tasks are open."""
    case = replace(_case(facts), closed_at=None, solved=False, rating=None)
    return Facts(case=case, tasks=_moved(facts, EndState.CLOSED, EndState.OPEN))


def _confirmed(facts: Facts, event: ResolutionConfirmed) -> Facts:
    return replace(facts, case=replace(_case(facts), solved=event.solved))


def _rated(facts: Facts, event: CaseRated) -> Facts:
    return replace(facts, case=replace(_case(facts), rating=Rating(event.satisfaction.value)))


def _not_rated(facts: Facts, _event: RatingExpired) -> Facts:
    return replace(facts, case=replace(_case(facts), rating=Rating.NOT_RATED))


def _case(facts: Facts) -> CaseFacts:
    assert facts.case is not None  # evolve applies case changes only to a case it knows
    return facts.case


def _moved(facts: Facts, before: EndState, after: EndState) -> dict[str, TaskFacts]:
    """The tasks, those in state `before` now in state `after`."""
    return {
        task_id: replace(task, end_state=after) if task.end_state == before else task
        for task_id, task in facts.tasks.items()
    }


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
    task = replace(task, top_escalation_level=max(task.top_escalation_level, event.level))
    if event.clock not in DEPARTMENT_CLOCKS:
        return task
    return replace(
        task,
        escalations=task.escalations + 1,
        max_escalation_level=max(task.max_escalation_level, event.level),
    )


MEASURE_FIELDS = {
    AccountabilityMeasure.SUPERVISION_NOTICE: "supervision_notices",
    AccountabilityMeasure.PUBLIC_NOTICE: "public_notices",
    AccountabilityMeasure.FORMAL_TALK: "formal_talks",
    AccountabilityMeasure.DISCIPLINARY_ACCOUNTABILITY: "disciplinary_accountabilities",
}
"""The task's count of each rung of the accountability ladder."""


def _measure(task: TaskFacts, event: AccountabilityMeasureIssued) -> TaskFacts:
    name = MEASURE_FIELDS[event.measure]
    return replace(task, **{name: getattr(task, name) + 1})


def _ruled(task: TaskFacts, event: DisputeRuled) -> TaskFacts:
    if event.ruling != DisputeRuling.REASSIGN:
        return task
    return _ended(task, EndState.REASSIGNED)


def _released(task: TaskFacts, _event: DepartmentReleased) -> TaskFacts:
    return _ended(task, EndState.RELEASED)


def _ended(task: TaskFacts, state: EndState) -> TaskFacts:
    return replace(task, end_state=state) if task.end_state == EndState.OPEN else task


_CASE_CHANGES: dict[type[Message], Callable[[Facts, Any], Facts]] = {
    CaseClosed: _closed,
    CaseReopened: _reopened,
    ResolutionConfirmed: _confirmed,
    CaseRated: _rated,
    RatingExpired: _not_rated,
}
_TASK_CHANGES: dict[type[Message], Callable[[TaskFacts, Any], TaskFacts]] = {
    TaskAcknowledged: _acknowledged,
    TaskDeadlinesSet: _deadlines_set,
    TaskOutcomeSubmitted: _outcome,
    TaskSentBack: _sent_back,
    TaskEscalated: _escalated,
    DisputeRuled: _ruled,
    DepartmentReleased: _released,
    AccountabilityMeasureIssued: _measure,
}
FOLDED_EVENTS: tuple[type[Message], ...] = (
    DepartmentTaskDispatched,
    *_CASE_CHANGES,
    *_TASK_CHANGES,
)
"""The event types `evolve` has a rule for; every other type leaves the facts as they are."""
