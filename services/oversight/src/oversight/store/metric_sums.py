"""The metrics' sums computed by the database: what `oversight.domain.metrics.sums_of` computes
over facts, here over the task rows a query selects joined to their cases, one row per group.

A city's metrics then read one row per group instead of every task in scope. Each expression
mirrors one field of `Sums`; a store test holds the two equal on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, case, func
from sqlalchemy.sql import Select
from sqlmodel import col

from oversight.domain.facts import MEASURE_FIELDS, EndState, Rating
from oversight.domain.metrics import ESCALATED_LEVEL, Sums
from oversight.store.tables import CaseRow, TaskRow

MICROS_A_SECOND = 1_000_000
COUNTED = col(TaskRow.end_state).not_in([EndState.REASSIGNED.value, EndState.RELEASED.value])
CLOSED = col(CaseRow.closed_at).is_not(None)
FED_BACK = and_(COUNTED, col(TaskRow.fed_back_at).is_not(None))
ACKNOWLEDGED = and_(COUNTED, col(TaskRow.acknowledged_at).is_not(None))
COUNTED_CLOSED = and_(COUNTED, CLOSED)
RATED = [Rating.SATISFIED.value, Rating.BASICALLY_SATISFIED.value, Rating.DISSATISFIED.value]
SATISFIED = [Rating.SATISFIED.value, Rating.BASICALLY_SATISFIED.value]


def _tasks_where(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, 1), else_=0))


def _cases_where(condition: ColumnElement[bool] | None = None) -> ColumnElement[Any]:
    case_id = col(TaskRow.case_id)
    return func.count(func.distinct(case_id if condition is None else case((condition, case_id))))


def _sum_where(value: ColumnElement[Any], condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, value), else_=0))


def _whole_seconds(later_us: Any, earlier_us: Any) -> ColumnElement[Any]:
    """floor((later - earlier) / 1 s) in integers. SQL's integer division (SQLAlchemy's `//`)
    truncates toward zero on both databases, so a negative span is rounded down by hand, as
    Python's `//` does."""
    span = later_us - earlier_us
    return case(
        (span >= 0, span // MICROS_A_SECOND),
        else_=-((-span + MICROS_A_SECOND - 1) // MICROS_A_SECOND),
    )


SUMS: dict[str, ColumnElement[Any]] = {
    "tasks": func.count(),
    "counted": _tasks_where(COUNTED),
    "acknowledged_on_time": _tasks_where(
        and_(COUNTED, col(TaskRow.acknowledged_on_time).is_(True))
    ),
    "fed_back": _tasks_where(FED_BACK),
    "fed_back_on_time": _tasks_where(and_(FED_BACK, col(TaskRow.fed_back_on_time).is_(True))),
    "reworked": _tasks_where(and_(FED_BACK, col(TaskRow.rework_count) > 0)),
    "overdue_tasks": _tasks_where(col(TaskRow.escalations) > 0),
    "escalations": func.sum(col(TaskRow.escalations)),
    "max_escalation_level": func.max(col(TaskRow.max_escalation_level)),
    "acknowledge_seconds": _sum_where(
        _whole_seconds(col(TaskRow.acknowledged_us), col(TaskRow.dispatched_us)), ACKNOWLEDGED
    ),
    "acknowledged": _tasks_where(ACKNOWLEDGED),
    "close_seconds": _sum_where(
        _whole_seconds(col(CaseRow.closed_us), col(TaskRow.dispatched_us)), COUNTED_CLOSED
    ),
    "closed_tasks": _tasks_where(COUNTED_CLOSED),
    "cases_closed": _cases_where(COUNTED_CLOSED),
    "cases_solved": _cases_where(and_(COUNTED_CLOSED, col(CaseRow.solved).is_(True))),
    "cases_rated": _cases_where(and_(COUNTED_CLOSED, col(CaseRow.rating).in_(RATED))),
    "cases_satisfied": _cases_where(and_(COUNTED_CLOSED, col(CaseRow.rating).in_(SATISFIED))),
    "cases_rating_over": _cases_where(and_(COUNTED_CLOSED, col(CaseRow.rating).is_not(None))),
    "cases_not_rated": _cases_where(
        and_(COUNTED_CLOSED, col(CaseRow.rating) == Rating.NOT_RATED.value)
    ),
    "cases_total": _cases_where(),
    "cases_closed_any": _cases_where(CLOSED),
    "cases_overdue": _cases_where(col(TaskRow.escalations) > 0),
    "cases_escalated": _cases_where(col(TaskRow.top_escalation_level) >= ESCALATED_LEVEL),
    **{name: func.sum(getattr(TaskRow, name)) for name in MEASURE_FIELDS.values()},
}


def sums_by(tasks: Select[Any], group: Any | None) -> Select[Any]:
    """The sums of the selected tasks with their cases, per value of `group` (None: all), in
    no order: the caller sorts the groups as Python does, whatever the database's collation."""
    joined = tasks.outerjoin(CaseRow, col(CaseRow.case_id) == col(TaskRow.case_id))
    labelled = [expression.label(name) for name, expression in SUMS.items()]
    if group is None:
        return joined.with_only_columns(*labelled)
    return joined.with_only_columns(group.label("group"), *labelled).group_by(group)


def sums_of_row(row: Any) -> Sums:
    """A result row as `Sums` (PostgreSQL sums integers as numeric; no row's sum is None)."""
    return Sums(**{name: int(row._mapping[name] or 0) for name in SUMS})
