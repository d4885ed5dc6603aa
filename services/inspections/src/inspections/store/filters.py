"""The caller's reach and the list filters as WHERE clauses."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select
from sqlmodel import col, or_, select

from inspections.domain.access import Reach
from inspections.domain.search import InspectionFilters, UnitFilters
from inspections.store.tables import Assignment, Inspection, Unit

Q = TypeVar("Q", bound=Select[Any])


def reached(query: Q, table: type[Any], reach: Reach) -> Q:
    """Only rows in the caller's area, of units they are listed for, or of their own unit."""
    for column, value in reach.area.filters().items():
        query = query.where(getattr(table, column) == value)
    if reach.inspector is not None:
        listed = select(Assignment.unit_id).where(Assignment.inspector == reach.inspector)
        query = query.where(col(table.unit_id).in_(listed))
    if reach.unit_code is not None:
        query = query.where(table.unit_code == reach.unit_code)
    return query


def unit_filters(query: Q, filters: UnitFilters) -> Q:
    if filters.unit_kind is not None:
        query = query.where(col(Unit.unit_kind) == filters.unit_kind.value)
    if filters.township is not None:
        query = query.where(col(Unit.township) == filters.township)
    if filters.q is not None:
        query = query.where(
            or_(
                col(Unit.unit_name).contains(filters.q, autoescape=True),
                col(Unit.unit_code) == filters.q,
            )
        )
    return query


def inspection_filters(query: Q, filters: InspectionFilters) -> Q:
    if filters.unit_id is not None:
        query = query.where(col(Inspection.unit_id) == filters.unit_id)
    if filters.status is not None:
        query = query.where(col(Inspection.status) == filters.status.value)
    if filters.inspector is not None:
        query = query.where(col(Inspection.inspector) == filters.inspector)
    return query
