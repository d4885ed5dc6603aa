"""The repository enforcement's use cases and projection go through; SQL here, a fake in fast tests."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlmodel import Session, col, func, or_, select

from contracts.vocabulary import Clock, TaskStatus
from enforcement.domain.access import bounds_the_case
from enforcement.domain.states import CaseStatus
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
from govkit.http import PageParams
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
        """In the order the events happened."""

    def tasks(
        self, scope: Scope, status: TaskStatus | None, page: PageParams
    ) -> tuple[list[DepartmentTask], int]: ...

    def cases(
        self, scope: Scope, status: CaseStatus | None, page: PageParams
    ) -> tuple[list[Case], int]:
        """Cases in scope: a township's own, or those with at least one task in scope."""

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
        return list(self._session.exec(query.order_by(col(TimelineEntry.position))).all())

    def tasks(
        self, scope: Scope, status: TaskStatus | None, page: PageParams
    ) -> tuple[list[DepartmentTask], int]:
        query = within(select(DepartmentTask), DepartmentTask, scope)
        if status is not None:
            query = query.where(DepartmentTask.status == status.value)
        return page_of(self._session, query, col(DepartmentTask.dispatched_at).desc(), page)

    def cases(
        self, scope: Scope, status: CaseStatus | None, page: PageParams
    ) -> tuple[list[Case], int]:
        if bounds_the_case(scope):
            query = within(select(Case), Case, scope)
        else:
            in_scope = within(select(DepartmentTask.case_id), DepartmentTask, scope)
            query = select(Case).where(col(Case.case_id).in_(in_scope))
        if status is not None:
            query = query.where(Case.status == status.value)
        return page_of(self._session, query, col(Case.opened_at).desc(), page)

    def notifications_for(
        self, principal: Principal, page: PageParams
    ) -> tuple[list[Notification], int]:
        query = select(Notification).where(col(Notification.role).in_(sorted(principal.roles)))
        for column in ("department", "district", "township"):
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
