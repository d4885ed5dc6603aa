"""Enforcement's tables; every change is applied from the event that records it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, DateTime, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, Session, SQLModel, col, func, select

from contracts.events import (
    CaseClosed,
    DepartmentTaskDispatched,
    DispatchDepartmentTask,
    Message,
    TaskAcknowledged,
    TaskEscalated,
    TaskOutcomeSubmitted,
)
from enforcement.domain import CaseStatus, TaskStatus


def _utc_column(nullable: bool = True) -> Column:
    return Column(DateTime(timezone=True), nullable=nullable)


class EnforcementTable(SQLModel, registry=registry()):
    """Base of enforcement's own tables."""


class Case(EnforcementTable, table=True):
    __tablename__ = "cases"

    case_id: str = Field(primary_key=True)
    incident_id: str = Field(index=True)
    incident_type: str
    summary: str
    district: str = Field(index=True)
    township: str = Field(index=True)
    grid: str
    status: str = CaseStatus.OPEN.value
    opened_at: datetime = Field(sa_column=_utc_column(nullable=False))
    closed_at: datetime | None = Field(default=None, sa_column=_utc_column())
    closed_by: str | None = None


class DepartmentTask(EnforcementTable, table=True):
    __tablename__ = "department_tasks"
    __table_args__ = (UniqueConstraint("case_id", "department"),)

    task_id: str = Field(primary_key=True)
    case_id: str = Field(foreign_key="cases.case_id", index=True)
    department: str = Field(index=True)
    district: str = Field(index=True)
    township: str
    status: str = TaskStatus.DISPATCHED.value
    acknowledge_by: datetime = Field(sa_column=_utc_column(nullable=False))
    dispatched_at: datetime = Field(sa_column=_utc_column(nullable=False))
    acknowledged_at: datetime | None = Field(default=None, sa_column=_utc_column())
    acknowledged_by: str | None = None
    escalation_level: int = 0
    outcome: str | None = None
    outcome_note: str | None = None
    handled_at: datetime | None = Field(default=None, sa_column=_utc_column())
    handled_by: str | None = None


class TimelineEntry(EnforcementTable, table=True):
    """The append-only history of a case: one row per event, in order."""

    __tablename__ = "case_timeline"

    position: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(index=True)
    event_id: str = Field(unique=True)
    event_type: str
    at: datetime = Field(sa_column=_utc_column(nullable=False))
    data: dict = Field(sa_column=Column(JSON, nullable=False))


def open_case_if_new(session: Session, command: DispatchDepartmentTask, *, now: datetime) -> None:
    if session.get(Case, command.case_id) is None:
        session.add(
            Case(
                case_id=command.case_id,
                incident_id=command.incident_id,
                incident_type=command.incident_type.value,
                summary=command.summary,
                district=command.district,
                township=command.township,
                grid=command.grid,
                opened_at=now,
            )
        )
        session.flush()


def apply(session: Session, event: Message, *, event_id: str, at: datetime) -> None:
    """Apply a domain event to the tables and append it to the case's timeline."""
    match event:
        case DepartmentTaskDispatched():
            session.add(
                DepartmentTask(
                    task_id=event.task_id,
                    case_id=event.case_id,
                    department=event.department.value,
                    district=event.district,
                    township=event.township,
                    acknowledge_by=event.acknowledge_by,
                    dispatched_at=event.dispatched_at,
                )
            )
        case TaskAcknowledged():
            _update_task(
                session,
                event.task_id,
                status=TaskStatus.ACKNOWLEDGED.value,
                acknowledged_at=event.acknowledged_at,
                acknowledged_by=event.officer,
            )
        case TaskOutcomeSubmitted():
            _update_task(
                session,
                event.task_id,
                status=TaskStatus.HANDLED.value,
                outcome=event.outcome.value,
                outcome_note=event.note,
                handled_at=event.submitted_at,
                handled_by=event.officer,
            )
        case TaskEscalated():
            task = session.get(DepartmentTask, event.task_id)
            if task is not None:
                task.escalation_level = max(task.escalation_level, event.level)
                session.add(task)
        case CaseClosed():
            case = session.get(Case, event.case_id)
            if case is not None:
                case.status, case.closed_at, case.closed_by = (
                    CaseStatus.CLOSED.value,
                    event.closed_at,
                    event.verified_by,
                )
                session.add(case)
    session.add(
        TimelineEntry(
            case_id=event.message_key(),
            event_id=event_id,
            event_type=event.EVENT_TYPE,
            at=at,
            data=event.model_dump(mode="json"),
        )
    )


def _update_task(session: Session, task_id: str, **values) -> None:
    task = session.get(DepartmentTask, task_id)
    if task is not None:
        for name, value in values.items():
            setattr(task, name, value)
        session.add(task)


def _scoped(query, model, scope: dict[str, str] | None):
    for column, value in (scope or {}).items():
        query = query.where(getattr(model, column) == value)
    return query


def list_tasks(
    session: Session, *, scope: dict[str, str] | None, status: str | None, offset: int, limit: int
) -> tuple[list[DepartmentTask], int]:
    query = _scoped(select(DepartmentTask), DepartmentTask, scope)
    if status is not None:
        query = query.where(DepartmentTask.status == status)
    count = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(col(DepartmentTask.dispatched_at).desc()).offset(offset).limit(limit)
    ).all()
    return list(rows), count


def get_task(
    session: Session, *, task_id: str, scope: dict[str, str] | None
) -> DepartmentTask | None:
    task = session.get(DepartmentTask, task_id)
    if task is None or any(getattr(task, c) != v for c, v in (scope or {}).items()):
        return None
    return task


def tasks_of_case(session: Session, case_id: str) -> list[DepartmentTask]:
    query = select(DepartmentTask).where(DepartmentTask.case_id == case_id)
    return list(session.exec(query.order_by(col(DepartmentTask.department))).all())


def timeline_of_case(session: Session, case_id: str) -> list[TimelineEntry]:
    query = select(TimelineEntry).where(TimelineEntry.case_id == case_id)
    return list(session.exec(query.order_by(col(TimelineEntry.position))).all())
