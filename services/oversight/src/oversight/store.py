"""Oversight's tables: one row per department task and per case, kept current by the consumer."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

from sqlalchemy import Column, DateTime
from sqlalchemy.orm import registry
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, Session, SQLModel, col, select

from oversight.facts import CaseFacts, EndState, Facts, TaskFacts


class UtcDateTime(TypeDecorator):
    """Timestamps come back aware and in UTC on every database (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _moment(*, required: bool = True):
    return Field(sa_column=Column(UtcDateTime(), nullable=not required))


class OversightTable(SQLModel, registry=registry()):
    """Base of oversight's own tables."""


class TaskRow(OversightTable, table=True):
    __tablename__ = "task_facts"

    task_id: str = Field(primary_key=True)
    case_id: str = Field(index=True)
    department: str = Field(index=True)
    district: str = Field(index=True)
    township: str = Field(index=True)
    week: str = Field(index=True)
    dispatched_at: datetime = _moment()
    acknowledge_by: datetime = _moment()
    handle_by: datetime | None = _moment(required=False)
    acknowledged_at: datetime | None = _moment(required=False)
    acknowledged_on_time: bool | None = None
    fed_back_at: datetime | None = _moment(required=False)
    fed_back_on_time: bool | None = None
    rework_count: int = 0
    escalations: int = 0
    max_escalation_level: int = 0
    end_state: str = EndState.OPEN.value

    def facts(self) -> TaskFacts:
        return TaskFacts(**{**self.model_dump(), "end_state": EndState(self.end_state)})


class CaseRow(OversightTable, table=True):
    __tablename__ = "case_facts"

    case_id: str = Field(primary_key=True)
    district: str
    township: str
    opened_at: datetime = _moment()
    closed_at: datetime | None = _moment(required=False)

    def facts(self) -> CaseFacts:
        return CaseFacts(**self.model_dump())


def load_facts(session: Session, case_id: str) -> Facts:
    case = session.get(CaseRow, case_id)
    tasks = session.exec(select(TaskRow).where(TaskRow.case_id == case_id)).all()
    return Facts(
        case=case.facts() if case is not None else None,
        tasks={row.task_id: row.facts() for row in tasks},
    )


def save_facts(session: Session, before: Facts, after: Facts) -> None:
    """Write what `evolve` changed; the caller commits it with the handled-event mark."""
    if after.case is not None and after.case != before.case:
        session.merge(CaseRow(**asdict(after.case)))
    for task_id, task in after.tasks.items():
        if task != before.tasks.get(task_id):
            session.merge(TaskRow(**{**asdict(task), "end_state": task.end_state.value}))


def facts_in_scope(
    session: Session,
    *,
    scope: dict[str, str],
    district: str | None,
    from_week: str | None,
    to_week: str | None,
) -> tuple[list[TaskFacts], dict[str, CaseFacts]]:
    """Tasks within the caller's scope and the filters, and the cases they belong to."""
    columns = dict(scope)
    if district and columns.setdefault("district", district) != district:
        return [], {}  # a district outside the caller's own: nothing to count
    conditions = [getattr(TaskRow, column) == value for column, value in columns.items()]
    if from_week:
        conditions.append(col(TaskRow.week) >= from_week)
    if to_week:
        conditions.append(col(TaskRow.week) <= to_week)
    tasks = session.exec(select(TaskRow).where(*conditions)).all()
    cases = session.exec(
        select(CaseRow).where(col(CaseRow.case_id).in_(select(TaskRow.case_id).where(*conditions)))
    ).all()
    return [row.facts() for row in tasks], {row.case_id: row.facts() for row in cases}
