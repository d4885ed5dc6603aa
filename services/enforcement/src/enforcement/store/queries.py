"""Reads for the API: always bounded by the caller's scope."""

from __future__ import annotations

from sqlmodel import Session, col, func, or_, select

from enforcement.store.tables import (
    AccountabilityRecord,
    Case,
    DepartmentTask,
    JointAction,
    MissedDeadline,
    Notification,
    TimelineEntry,
)
from govkit.principal import Principal


def _scoped(query, model, scope: dict[str, str] | None):
    for column, value in (scope or {}).items():
        query = query.where(getattr(model, column) == value)
    return query


def _page(session: Session, query, order, offset: int, limit: int) -> tuple[list, int]:
    count = session.exec(select(func.count()).select_from(query.subquery())).one()
    return list(session.exec(query.order_by(order).offset(offset).limit(limit)).all()), count


def list_tasks(
    session: Session, *, scope: dict[str, str] | None, status: str | None, offset: int, limit: int
) -> tuple[list[DepartmentTask], int]:
    query = _scoped(select(DepartmentTask), DepartmentTask, scope)
    if status is not None:
        query = query.where(DepartmentTask.status == status)
    return _page(session, query, col(DepartmentTask.dispatched_at).desc(), offset, limit)


def get_task(
    session: Session, *, task_id: str, scope: dict[str, str] | None
) -> DepartmentTask | None:
    task = session.get(DepartmentTask, task_id)
    if task is None or any(getattr(task, c) != v for c, v in (scope or {}).items()):
        return None
    return task


def tasks_of_case(session: Session, case_id: str) -> list[DepartmentTask]:
    query = select(DepartmentTask).where(DepartmentTask.case_id == case_id)
    return list(session.exec(query.order_by(col(DepartmentTask.dispatched_at))).all())


def joint_actions_of_case(session: Session, case_id: str) -> list[JointAction]:
    query = select(JointAction).where(JointAction.case_id == case_id)
    return list(session.exec(query.order_by(col(JointAction.scheduled_for))).all())


def timeline_of_case(session: Session, case_id: str) -> list[TimelineEntry]:
    query = select(TimelineEntry).where(TimelineEntry.case_id == case_id)
    return list(session.exec(query.order_by(col(TimelineEntry.position))).all())


def list_cases(
    session: Session, *, scope: dict[str, str] | None, status: str | None, offset: int, limit: int
) -> tuple[list[Case], int]:
    """Cases with at least one task in scope (a township's scope is the case's own township)."""
    query = select(Case)
    if scope is not None:
        if set(scope) == {"township"}:
            query = query.where(Case.township == scope["township"])
        else:
            in_scope = _scoped(select(DepartmentTask.case_id), DepartmentTask, scope)
            query = query.where(col(Case.case_id).in_(in_scope))
    if status is not None:
        query = query.where(Case.status == status)
    return _page(session, query, col(Case.opened_at).desc(), offset, limit)


def notifications_for(
    session: Session, principal: Principal, *, offset: int, limit: int
) -> tuple[list[Notification], int]:
    """What reached the caller: their role, narrowed by department, district and township."""
    query = select(Notification).where(col(Notification.role).in_(sorted(principal.roles)))
    for column in ("department", "district", "township"):
        field = getattr(Notification, column)
        query = query.where(or_(col(field).is_(None), field == getattr(principal, column)))
    return _page(session, query, col(Notification.id).desc(), offset, limit)


def misses_in_period(session: Session, department: str, district: str, period: str) -> int:
    query = select(func.count()).where(
        MissedDeadline.department == department,
        MissedDeadline.district == district,
        MissedDeadline.period == period,
    )
    return session.exec(query).one()


def accountability_records(
    session: Session, *, scope: dict[str, str] | None, offset: int, limit: int
) -> tuple[list[AccountabilityRecord], int]:
    scope = {k: v for k, v in (scope or {}).items() if k in {"department", "district"}}
    query = _scoped(select(AccountabilityRecord), AccountabilityRecord, scope)
    return _page(session, query, col(AccountabilityRecord.issued_at).desc(), offset, limit)
