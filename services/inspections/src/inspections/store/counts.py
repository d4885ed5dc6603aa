"""The statistics table's figures counted in SQL, per unit of the table (township or district).

Each query groups by the row's column and the unit kind (or rung); nothing is loaded row by row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import case, distinct, func, select
from sqlmodel import Session

from inspections.domain.access import Reach
from inspections.domain.inspections import InspectionStatus
from inspections.domain.statistics import SCHOOLS, Figure, MainProblem, Period, Tally
from inspections.domain.units import SCHOOL_KINDS
from inspections.store.filters import Q, reached
from inspections.store.tables import Finding, Inspection, Order, OrderEntry

ESCALATION = "escalation"
_SCHOOL_KINDS = [kind.value for kind in SCHOOL_KINDS]
_PROBLEM_FIGURES = (
    Figure.UNITS_WITH_PROBLEMS,
    Figure.UNITS_RECTIFIED,
    Figure.PROBLEMS_FOUND,
    Figure.PROBLEMS_RECTIFIED,
    Figure.PROBLEMS_RECTIFYING,
)


def _columns(table: type[Any]) -> Any:
    return table.__table__.c


def _rows(session: Session, query: Any) -> list[Any]:
    return list(session.execute(query))


def _during(query: Q, column: Any, period: Period) -> Q:
    if period.start is not None:
        query = query.where(column >= period.start)
    if period.end is not None:
        query = query.where(column < period.end)
    return query


def _completed(query: Q, reach: Reach, period: Period) -> Q:
    i = _columns(Inspection)
    query = query.where(i.status == InspectionStatus.COMPLETED.value)
    return _during(reached(query, Inspection, reach), i.completed_at, period)


def tallies(session: Session, reach: Reach, period: Period, rows_by: str) -> dict[str, Tally]:
    """Every figure of every row, by the row's unit (the value of column `rows_by`)."""
    out: defaultdict[str, Tally] = defaultdict(Counter)
    i, o, e = _columns(Inspection), _columns(Order), _columns(OrderEntry)
    query = select(
        i[rows_by], i.unit_kind, func.count(distinct(i.unit_id)), func.count(distinct(i.inspector))
    ).group_by(i[rows_by], i.unit_kind)
    for unit, kind, units, inspectors in _rows(session, _completed(query, reach, period)):
        out[unit][Figure.INSPECTED, kind] += units
        if kind in _SCHOOL_KINDS:
            out[unit][Figure.INSPECTORS, kind] += inspectors
    query = (
        select(i[rows_by], func.count(distinct(i.inspector)))
        .where(i.unit_kind.in_(_SCHOOL_KINDS))
        .group_by(i[rows_by])
    )
    for unit, inspectors in _rows(session, _completed(query, reach, period)):
        out[unit][Figure.INSPECTORS, SCHOOLS] += inspectors

    query = select(o[rows_by], o.unit_kind, func.count()).group_by(o[rows_by], o.unit_kind)
    for unit, kind, orders in _rows(
        session, _during(reached(query, Order, reach), o.issued_at, period)
    ):
        out[unit][Figure.ORDERS, kind] += orders

    for unit, kind, *figures in _rows(session, _problems(reach, period, rows_by)):
        for figure, n in zip(_PROBLEM_FIGURES, figures, strict=True):
            out[unit][figure, kind] += int(n)

    query = (
        select(e[rows_by], e.rung, func.count())
        .where(e.kind == ESCALATION)
        .group_by(e[rows_by], e.rung)
    )
    for unit, rung, escalations in _rows(
        session, _during(reached(query, OrderEntry, reach), e.at, period)
    ):
        out[unit][Figure.ESCALATIONS, rung] += escalations
    return dict(out)


def _problems(reach: Reach, period: Period, rows_by: str) -> Any:
    """Per unit: problems found, rectified and being rectified; then summed per row and kind."""
    f = _columns(Finding)
    done = f.rectified_at.is_not(None)
    per_unit = select(
        f[rows_by].label("row"),
        f.unit_kind.label("kind"),
        func.count().label("found"),
        func.sum(case((done, 1), else_=0)).label("rectified"),
        func.sum(case((done, 0), else_=1)).label("rectifying"),
    ).group_by(f[rows_by], f.unit_kind, f.unit_id)
    units = _during(reached(per_unit, Finding, reach), f.found_at, period).subquery()
    return select(
        units.c.row,
        units.c.kind,
        func.count(),
        func.sum(case((units.c.rectifying == 0, 1), else_=0)),
        func.sum(units.c.found),
        func.sum(units.c.rectified),
        func.sum(units.c.rectifying),
    ).group_by(units.c.row, units.c.kind)


def inspectors_overall(session: Session, reach: Reach, period: Period) -> Tally:
    """Inspectors sent to schools, each counted once however many rows they appear in."""
    i = _columns(Inspection)
    out: Tally = Counter()
    query = (
        select(i.unit_kind, func.count(distinct(i.inspector)))
        .where(i.unit_kind.in_(_SCHOOL_KINDS))
        .group_by(i.unit_kind)
    )
    for kind, inspectors in _rows(session, _completed(query, reach, period)):
        out[Figure.INSPECTORS, kind] = inspectors
    query = select(func.count(distinct(i.inspector))).where(i.unit_kind.in_(_SCHOOL_KINDS))
    out[Figure.INSPECTORS, SCHOOLS] = session.execute(_completed(query, reach, period)).scalar_one()
    return out


def main_problems(session: Session, reach: Reach, period: Period, limit: int) -> list[MainProblem]:
    """The items failed most often (主要问题)."""
    f = _columns(Finding)
    count = func.count().label("n")
    query = select(f.item_no, func.max(f.item), count).group_by(f.item_no)
    query = _during(reached(query, Finding, reach), f.found_at, period)
    rows = _rows(session, query.order_by(count.desc(), f.item_no).limit(limit))
    return [MainProblem(item_no=no, item=item, count=n) for no, item, n in rows]
