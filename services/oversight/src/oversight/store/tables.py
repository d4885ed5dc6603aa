"""Oversight's tables: one row per department task and per case, and the metrics' sums per cell,
kept current by the consumer.

Beside each timestamp the metrics subtract, a row keeps the same moment as whole microseconds
since the epoch (`*_us`): SQL sums durations from those exactly, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, fields
from datetime import UTC, datetime, timedelta
from typing import Any, overload

from sqlalchemy import BigInteger, Column, Index, String, Table
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from govkit.tables import utc_column
from oversight.domain.cells import SUM_NAMES
from oversight.domain.facts import CaseFacts, EndState, Rating, TaskFacts

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
TASK_FIELDS = frozenset(field.name for field in fields(TaskFacts))
CASE_FIELDS = frozenset(field.name for field in fields(CaseFacts))


def _moment(*, required: bool = True) -> Any:
    return Field(sa_column=utc_column(nullable=not required))


def _micros(*, required: bool = True) -> Any:
    return Field(sa_column=Column(BigInteger(), nullable=not required))


@overload
def epoch_micros(moment: datetime) -> int: ...
@overload
def epoch_micros(moment: None) -> None: ...
def epoch_micros(moment: datetime | None) -> int | None:
    """Whole microseconds since the epoch (exact: no float on the way)."""
    return None if moment is None else (moment - EPOCH) // MICROSECOND


def _facts_only(columns: Mapping[Any, Any], fields: frozenset[str]) -> dict[str, Any]:
    return {name: value for name, value in columns.items() if name in fields}


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
    incident_type: str | None = Field(default=None, index=True)
    top_escalation_level: int = 0
    supervision_notices: int = 0
    public_notices: int = 0
    formal_talks: int = 0
    disciplinary_accountabilities: int = 0
    dispatched_us: int = _micros()
    acknowledged_us: int | None = _micros(required=False)

    @classmethod
    def of(cls, task: TaskFacts) -> TaskRow:
        return cls(
            **{**asdict(task), "end_state": task.end_state.value},
            dispatched_us=epoch_micros(task.dispatched_at),
            acknowledged_us=epoch_micros(task.acknowledged_at),
        )

    def facts(self) -> TaskFacts:
        return TaskRow.facts_of(self.model_dump())

    @staticmethod
    def facts_of(columns: Mapping[Any, Any]) -> TaskFacts:
        """The facts of a row read as plain columns (no ORM object: the metrics read many)."""
        facts = _facts_only(columns, TASK_FIELDS)
        return TaskFacts(**{**facts, "end_state": EndState(facts["end_state"])})


class CaseRow(OversightTable, table=True):
    __tablename__ = "case_facts"
    # The metrics' opening-day filter reads the cases opened in its days, within the scope.
    __table_args__ = (
        Index("ix_case_facts_opened_at", "opened_at"),
        Index("ix_case_facts_district_opened_at", "district", "opened_at"),
        Index("ix_case_facts_township_opened_at", "township", "opened_at"),
    )

    case_id: str = Field(primary_key=True)
    district: str
    township: str
    opened_at: datetime = _moment()
    closed_at: datetime | None = _moment(required=False)
    solved: bool = False
    rating: str | None = None
    closed_us: int | None = _micros(required=False)

    @classmethod
    def of(cls, case: CaseFacts) -> CaseRow:
        return cls(
            **{**asdict(case), "rating": case.rating.value if case.rating else None},
            closed_us=epoch_micros(case.closed_at),
        )

    def facts(self) -> CaseFacts:
        return CaseRow.facts_of(self.model_dump())

    @staticmethod
    def facts_of(columns: Mapping[Any, Any]) -> CaseFacts:
        facts = _facts_only(columns, CASE_FIELDS)
        rating = Rating(facts["rating"]) if facts["rating"] else None
        return CaseFacts(**{**facts, "rating": rating})


CELL_KEY = ("kind", "department", "incident_type", "district", "township", "group_value")
"""The cell's key, in the order its queries narrow it (kind, department and type options, then
place), which is also its primary key's."""

metric_cells = Table(
    "metric_cells",
    OversightTable.metadata,
    *(Column(name, String(), primary_key=True) for name in CELL_KEY),
    *(Column(name, BigInteger(), nullable=False) for name in SUM_NAMES),
)
"""The sums of the tasks in each cell (`oversight.domain.cells`), kept by the consumer."""
