"""Enforcement's repository in memory: the same rules of scope and order as the SQL one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from contracts.vocabulary import Clock
from enforcement.domain.access import bounds_the_case, case_in_scope
from enforcement.domain.filters import (
    ESCALATED_LEVEL,
    CaseFilters,
    TaskFilters,
    days_between,
    overdue,
)
from enforcement.domain.notifications import Audience
from enforcement.store.repository import REPORTED, CaseKey
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
from govkit.fakes import fake_page
from govkit.http import COUNT_CAP, PageParams
from govkit.principal import Principal, Role, Scope


class FakeEnforcementRepository:
    def __init__(self) -> None:
        self.cases_by_id: dict[str, Case] = {}
        self.tasks_by_id: dict[str, DepartmentTask] = {}
        self.actions_by_id: dict[str, JointAction] = {}
        self.records_by_id: dict[str, AccountabilityRecord] = {}
        self.timeline: list[TimelineEntry] = []
        self.notifications: list[Notification] = []
        self.misses: list[MissedDeadline] = []

    def add(self, row: EnforcementTable) -> None:
        match row:
            case Case():
                self.cases_by_id[row.case_id] = row
            case DepartmentTask():
                self.tasks_by_id[row.task_id] = row
            case JointAction():
                self.actions_by_id[row.action_id] = row
            case AccountabilityRecord():
                self.records_by_id[row.measure_id] = row
            case TimelineEntry() if row.position is None:
                row.position = len(self.timeline) + 1
                self.timeline.append(row)
            case Notification() if row.id is None:
                row.id = len(self.notifications) + 1
                self.notifications.append(row)
            case MissedDeadline() if row.id is None:
                row.id = len(self.misses) + 1
                self.misses.append(row)

    def case(self, case_id: str) -> Case | None:
        return self.cases_by_id.get(case_id)

    def task(self, task_id: str) -> DepartmentTask | None:
        return self.tasks_by_id.get(task_id)

    def joint_action(self, action_id: str) -> JointAction | None:
        return self.actions_by_id.get(action_id)

    def tasks_of_case(self, case_id: str) -> list[DepartmentTask]:
        found = [t for t in self.tasks_by_id.values() if t.case_id == case_id]
        return sorted(found, key=lambda t: t.dispatched_at)

    def joint_actions_of_case(self, case_id: str) -> list[JointAction]:
        found = [a for a in self.actions_by_id.values() if a.case_id == case_id]
        return sorted(found, key=lambda a: a.scheduled_for)

    def timeline_of_case(self, case_id: str) -> list[TimelineEntry]:
        found = [entry for entry in self.timeline if entry.case_id == case_id]
        return sorted(found, key=lambda e: (e.event_type != REPORTED, e.position))

    def timeline_entry(self, case_id: str, event_type: str) -> TimelineEntry | None:
        found = (e for e in self.timeline if (e.case_id, e.event_type) == (case_id, event_type))
        return next(found, None)

    def tasks(
        self, scope: Scope, filters: TaskFilters, now: datetime, page: PageParams
    ) -> tuple[list[DepartmentTask], int]:
        start, end = days_between(filters.dispatched_from, filters.dispatched_to)

        def admitted(t: DepartmentTask) -> bool:
            return (
                _equal(t, status=filters.status, case_id=filters.case_id)
                and _equal(t, department=filters.department, pause_state=filters.pause_state)
                and _equal(self.cases_by_id[t.case_id], incident_type=filters.incident_type)
                and filters.overdue in (None, overdue(t, now))
                and _within(t.dispatched_at, start, end)
            )

        return fake_page(
            self.tasks_by_id.values(),
            page,
            scope=scope,
            newest_first=lambda t: t.dispatched_at,
            where=admitted,
        )

    def cases(
        self, scope: Scope, filters: CaseFilters, now: datetime, page: PageParams
    ) -> tuple[list[Case], int]:
        admitted = self._case_admitted(scope, filters, now)
        rows, count = fake_page(
            self.cases_by_id.values(), page, newest_first=lambda c: c.opened_at, where=admitted
        )
        return rows, min(count, COUNT_CAP + 1)

    def cases_after(
        self, scope: Scope, filters: CaseFilters, now: datetime, after: CaseKey | None, limit: int
    ) -> list[Case]:
        admitted = self._case_admitted(scope, filters, now)
        found = sorted(
            (c for c in self.cases_by_id.values() if admitted(c)),
            key=lambda c: (c.opened_at, c.case_id),
            reverse=True,
        )
        return [c for c in found if after is None or (c.opened_at, c.case_id) < after][:limit]

    def tasks_of_cases(self, case_ids: Sequence[str]) -> list[DepartmentTask]:
        found = [t for t in self.tasks_by_id.values() if t.case_id in case_ids]
        return sorted(found, key=lambda t: t.dispatched_at)

    def _case_admitted(
        self, scope: Scope, filters: CaseFilters, now: datetime
    ) -> Callable[[Case], bool]:
        start, end = days_between(filters.opened_from, filters.opened_to)

        missed = {m.task_id for m in self.misses}

        def admitted(c: Case) -> bool:
            tasks = self.tasks_of_case(c.case_id)
            ours = [
                t
                for t in tasks
                if (bounds_the_case(scope) or scope.admits(t))
                and filters.department in (None, t.department)
            ]
            return (
                case_in_scope(scope, c, tasks)
                and _equal(c, status=filters.status, township=filters.township)
                and _equal(c, district=filters.district, incident_type=filters.incident_type)
                and _equal(c, institution_id=filters.institution_id)
                and filters.department in (None, *(t.department for t in tasks))
                and filters.overdue in (None, any(overdue(t, now) for t in tasks))
                and filters.missed_deadline in (None, any(t.task_id in missed for t in ours))
                and filters.escalated
                in (None, any(t.escalation_level >= ESCALATED_LEVEL for t in ours))
                and _within(c.opened_at, start, end)
            )

        return admitted

    def notifications_for(
        self, principal: Principal, page: PageParams
    ) -> tuple[list[Notification], int]:
        def reached(n: Notification) -> bool:
            audience = Audience(
                Role(n.role), n.department, n.district, n.township, n.grid, n.username
            )
            return audience.includes(principal)

        return fake_page(self.notifications, page, newest_first=lambda n: n.id, where=reached)

    def accountability_records(
        self, scope: Scope, page: PageParams
    ) -> tuple[list[AccountabilityRecord], int]:
        return fake_page(
            self.records_by_id.values(), page, scope=scope, newest_first=lambda r: r.issued_at
        )

    def miss_counted(self, task_id: str, clock: Clock, missed_deadline: datetime) -> bool:
        return any(
            (m.task_id, m.clock, m.missed_deadline) == (task_id, clock.value, missed_deadline)
            for m in self.misses
        )

    def misses_in_period(self, department: str, district: str, period: str) -> int:
        return sum(
            (m.department, m.district, m.period) == (department, district, period)
            for m in self.misses
        )


def _equal(row: object, **wanted: object) -> bool:
    """Each attribute equals the value given, where one is given."""
    return all(value is None or getattr(row, name) == value for name, value in wanted.items())


def _within(moment: datetime, start: datetime | None, end: datetime | None) -> bool:
    return (start is None or moment >= start) and (end is None or moment < end)
