"""The repository enforcement's use cases and projection go through; SQL here, a fake in fast tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, and_, case, not_
from sqlmodel import Session, col, func, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from contracts.events import IncidentReported
from contracts.vocabulary import Clock, TaskStatus
from enforcement.domain.access import bounds_the_case
from enforcement.domain.filters import (
    ESCALATED_LEVEL,
    OVERDUE_STATUSES,
    CaseFilters,
    TaskFilters,
    days_between,
)
from enforcement.domain.notifications import NARROWED_BY
from enforcement.domain.states import PauseState
from enforcement.store.tables import (
    AccountabilityRecord,
    Case,
    DepartmentTask,
    EnforcementTable,
    JointAction,
    MissedDeadline,
    Notification,
    TimelineEntry,
)
from govkit.http import COUNT_CAP, PageParams
from govkit.principal import Principal, Scope
from govkit.queries import page_of, within


class EnforcementRepository(Protocol):
    def add(self, row: EnforcementTable) -> None: ...

    def case(self, case_id: str) -> Case | None: ...

    def task(self, task_id: str) -> DepartmentTask | None: ...

    def joint_action(self, action_id: str) -> JointAction | None: ...

    def tasks_of_case(self, case_id: str) -> list[DepartmentTask]:
        """In the order they were dispatched."""

    def joint_actions_of_case(self, case_id: str) -> list[JointAction]:
        """In the order they are scheduled for."""

    def timeline_of_case(self, case_id: str) -> list[TimelineEntry]:
        """The report first, then the rest in the order the events happened."""

    def timeline_entry(self, case_id: str, event_type: str) -> TimelineEntry | None:
        """The case's first entry of this type, if any (even before the case is opened)."""

    def tasks(
        self, scope: Scope, filters: TaskFilters, now: datetime, page: PageParams
    ) -> tuple[list[DepartmentTask], int]:
        """Tasks in scope that every filter given admits; `overdue` is judged at `now`."""

    def cases(
        self, scope: Scope, filters: CaseFilters, now: datetime, page: PageParams
    ) -> tuple[list[Case], int]:
        """Cases in scope (a township's own, or those with a task in scope) the filters admit;
        `overdue` is judged at `now`. Counted no further than `COUNT_CAP` + 1."""

    def cases_after(
        self, scope: Scope, filters: CaseFilters, now: datetime, after: CaseKey | None, limit: int
    ) -> list[Case]:
        """`cases` newest first from just after `after` (keyset paging, for exports)."""

    def tasks_of_cases(self, case_ids: Sequence[str]) -> list[DepartmentTask]:
        """Every task of these cases, in the order they were dispatched."""

    def notifications_for(
        self, principal: Principal, page: PageParams
    ) -> tuple[list[Notification], int]:
        """What reached the principal: their role, narrowed by department, district, township."""

    def accountability_records(
        self, scope: Scope, page: PageParams
    ) -> tuple[list[AccountabilityRecord], int]: ...

    def miss_counted(self, task_id: str, clock: Clock, missed_deadline: datetime) -> bool:
        """Whether this deadline of this task was already counted as missed."""

    def misses_in_period(self, department: str, district: str, period: str) -> int: ...


class SqlEnforcementRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: EnforcementTable) -> None:
        # Flushed at once: the projection reads back what it just wrote, and a task's case
        # must exist before the task (PostgreSQL checks the foreign key).
        self._session.add(row)
        self._session.flush()

    def case(self, case_id: str) -> Case | None:
        return self._session.get(Case, case_id)

    def task(self, task_id: str) -> DepartmentTask | None:
        return self._session.get(DepartmentTask, task_id)

    def joint_action(self, action_id: str) -> JointAction | None:
        return self._session.get(JointAction, action_id)

    def tasks_of_case(self, case_id: str) -> list[DepartmentTask]:
        query = select(DepartmentTask).where(DepartmentTask.case_id == case_id)
        return list(self._session.exec(query.order_by(col(DepartmentTask.dispatched_at))).all())

    def joint_actions_of_case(self, case_id: str) -> list[JointAction]:
        query = select(JointAction).where(JointAction.case_id == case_id)
        return list(self._session.exec(query.order_by(col(JointAction.scheduled_for))).all())

    def timeline_of_case(self, case_id: str) -> list[TimelineEntry]:
        query = select(TimelineEntry).where(TimelineEntry.case_id == case_id)
        report_first = case((col(TimelineEntry.event_type) == REPORTED, 0), else_=1)
        return list(
            self._session.exec(query.order_by(report_first, col(TimelineEntry.position))).all()
        )

    def timeline_entry(self, case_id: str, event_type: str) -> TimelineEntry | None:
        query = select(TimelineEntry).where(
            TimelineEntry.case_id == case_id, TimelineEntry.event_type == event_type
        )
        return self._session.exec(query.order_by(col(TimelineEntry.position))).first()

    def tasks(
        self, scope: Scope, filters: TaskFilters, now: datetime, page: PageParams
    ) -> tuple[list[DepartmentTask], int]:
        query = within(select(DepartmentTask), DepartmentTask, scope)
        start, end = days_between(filters.dispatched_from, filters.dispatched_to)
        query = _equal(
            query,
            (col(DepartmentTask.status), filters.status),
            (col(DepartmentTask.case_id), filters.case_id),
            (col(DepartmentTask.department), filters.department),
            (col(DepartmentTask.pause_state), filters.pause_state),
        )
        query = _between(query, col(DepartmentTask.dispatched_at), start, end)
        if filters.incident_type is not None:
            of_type = select(Case.case_id).where(Case.incident_type == filters.incident_type.value)
            query = query.where(col(DepartmentTask.case_id).in_(of_type))
        if filters.overdue is not None:
            late = _overdue(now)
            query = query.where(late if filters.overdue else not_(late))
        return page_of(self._session, query, col(DepartmentTask.dispatched_at).desc(), page)

    def cases(
        self, scope: Scope, filters: CaseFilters, now: datetime, page: PageParams
    ) -> tuple[list[Case], int]:
        query = _cases_query(scope, filters, now)
        order = col(Case.opened_at).desc()
        return page_of(self._session, query, order, page, count_up_to=COUNT_CAP)

    def cases_after(
        self, scope: Scope, filters: CaseFilters, now: datetime, after: CaseKey | None, limit: int
    ) -> list[Case]:
        query = _cases_query(scope, filters, now)
        if after is not None:
            opened_at, case_id = after
            query = query.where(
                or_(
                    col(Case.opened_at) < opened_at,
                    and_(col(Case.opened_at) == opened_at, col(Case.case_id) < case_id),
                )
            )
        newest_first = (col(Case.opened_at).desc(), col(Case.case_id).desc())
        return list(self._session.exec(query.order_by(*newest_first).limit(limit)).all())

    def tasks_of_cases(self, case_ids: Sequence[str]) -> list[DepartmentTask]:
        query = select(DepartmentTask).where(col(DepartmentTask.case_id).in_(case_ids))
        return list(self._session.exec(query.order_by(col(DepartmentTask.dispatched_at))).all())

    def notifications_for(
        self, principal: Principal, page: PageParams
    ) -> tuple[list[Notification], int]:
        query = select(Notification).where(col(Notification.role).in_(sorted(principal.roles)))
        for column in NARROWED_BY:
            field = getattr(Notification, column)
            query = query.where(or_(col(field).is_(None), field == getattr(principal, column)))
        return page_of(self._session, query, col(Notification.id).desc(), page)

    def accountability_records(
        self, scope: Scope, page: PageParams
    ) -> tuple[list[AccountabilityRecord], int]:
        query = within(select(AccountabilityRecord), AccountabilityRecord, scope)
        return page_of(self._session, query, col(AccountabilityRecord.issued_at).desc(), page)

    def miss_counted(self, task_id: str, clock: Clock, missed_deadline: datetime) -> bool:
        query = select(MissedDeadline.id).where(
            MissedDeadline.task_id == task_id,
            MissedDeadline.clock == clock.value,
            MissedDeadline.missed_deadline == missed_deadline,
        )
        return self._session.exec(query).first() is not None

    def misses_in_period(self, department: str, district: str, period: str) -> int:
        query = select(func.count()).where(
            MissedDeadline.department == department,
            MissedDeadline.district == district,
            MissedDeadline.period == period,
        )
        return self._session.exec(query).one()


CaseKey = tuple[datetime, str]
"""Where a page of cases ends, newest first: (opened_at, case_id)."""

REPORTED = IncidentReported.EVENT_TYPE
"""The report a case begins with: always its first timeline entry, whenever it arrived."""

T = TypeVar("T")


def _cases_query(scope: Scope, filters: CaseFilters, now: datetime) -> SelectOfScalar[Case]:
    """Cases in scope (a township's own, or those with a task in scope) the filters admit."""
    # Overdue cases are read from late tasks that carry the district themselves (every task is
    # dispatched in its case's district), so the cases are not read by district again: that
    # had PostgreSQL scan a district's 400 k cases for its few thousand late ones (at 10 M
    # tasks, 334 → 75 ms at p95).
    by_district = not filters.overdue
    if bounds_the_case(scope):
        case_scope = scope if by_district else replace(scope, district=None)
        query = within(select(Case), Case, case_scope)
    else:
        in_scope = within(select(DepartmentTask.case_id), DepartmentTask, scope)
        query = select(Case).where(col(Case.case_id).in_(in_scope))
    start, end = days_between(filters.opened_from, filters.opened_to)
    query = _equal(
        query,
        (col(Case.status), filters.status),
        (col(Case.district), filters.district if by_district else None),
        (col(Case.township), filters.township),
        (col(Case.incident_type), filters.incident_type),
        (col(Case.institution_id), filters.institution_id),
    )
    query = _between(query, col(Case.opened_at), start, end)
    tasks = _in_district_of_the_cases(select(DepartmentTask.case_id), scope, filters)
    if filters.department is not None:
        called = tasks.where(DepartmentTask.department == filters.department.value)
        query = query.where(col(Case.case_id).in_(called))
    if filters.overdue is not None:
        late = tasks.where(_overdue(now))
        in_late = col(Case.case_id).in_(late)
        query = query.where(in_late if filters.overdue else not_(in_late))
    ours = _tasks_of(tasks, scope, filters)
    if filters.missed_deadline is not None:
        missed = ours.where(
            col(DepartmentTask.task_id).in_(select(MissedDeadline.task_id).distinct())
        )
        in_missed = col(Case.case_id).in_(missed)
        query = query.where(in_missed if filters.missed_deadline else not_(in_missed))
    if filters.escalated is not None:
        high = ours.where(col(DepartmentTask.escalation_level) >= ESCALATED_LEVEL)
        in_high = col(Case.case_id).in_(high)
        query = query.where(in_high if filters.escalated else not_(in_high))
    return query


def _in_district_of_the_cases(
    tasks: SelectOfScalar[str], scope: Scope, filters: CaseFilters
) -> SelectOfScalar[str]:
    """Only the tasks in the district the scope or the filter narrows the cases to. Every task
    is dispatched in its case's own district, so no answer changes; the index on (district,
    status, case_id) then reads one district's running tasks, not the city's."""
    named = (scope.filters().get("district"), filters.district)
    for district in sorted({district for district in named if district is not None}):
        tasks = tasks.where(DepartmentTask.district == district)
    return tasks


def _tasks_of(
    tasks: SelectOfScalar[str], scope: Scope, filters: CaseFilters
) -> SelectOfScalar[str]:
    """The case ids of the tasks `missed_deadline` and `escalated` look at, out of `tasks`:
    those in the caller's scope (all of a case a township or grid sees whole), of `department`
    if given."""
    ours = tasks
    if not bounds_the_case(scope):
        ours = within(ours, DepartmentTask, scope)
    if filters.department is not None:
        ours = ours.where(DepartmentTask.department == filters.department.value)
    return ours


def _equal(query: SelectOfScalar[T], *wanted: tuple[Any, str | None]) -> SelectOfScalar[T]:
    """Only rows whose column equals each value given (None: no filter)."""
    for column, value in wanted:
        if value is not None:
            query = query.where(column == str(value))
    return query


def _between(
    query: SelectOfScalar[T], column: Any, start: datetime | None, end: datetime | None
) -> SelectOfScalar[T]:
    """Only rows with `column` in [start, end); a missing end leaves that side open."""
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column < end)
    return query


def _overdue(now: datetime) -> ColumnElement[bool]:
    """`enforcement.domain.filters.overdue` in SQL: never NULL, so `NOT` is its complement."""
    task = DepartmentTask
    late_to_acknowledge = and_(
        col(task.status) == TaskStatus.DISPATCHED.value, col(task.acknowledge_by) < now
    )
    late_to_handle = and_(col(task.handle_by).is_not(None), col(task.handle_by) < now)
    return and_(
        col(task.status).in_([s.value for s in OVERDUE_STATUSES]),
        col(task.pause_state) != PauseState.PAUSED.value,
        or_(late_to_acknowledge, late_to_handle),
    )
