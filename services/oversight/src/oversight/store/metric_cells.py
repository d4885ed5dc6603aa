"""The metrics' cells in the database: what an event changed is added to them in its transaction,
and a query that the cells can answer sums a few of their rows (`oversight.domain.cells`)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from oversight.domain.cells import HIGHEST, SUM_NAMES, Cell, Selection
from oversight.domain.metrics import GroupSums, Sums
from oversight.store.metric_sums import sums_of_row
from oversight.store.tables import metric_cells


def add_changes(session: Session, changes: Mapping[Cell, Sums]) -> None:
    """Add each cell's change to it (a new cell starts from it). The cells are written in key
    order, so two transactions changing the same cells on PostgreSQL wait instead of deadlocking."""
    if not changes:
        return
    rows = [_row(cell, sums) for cell, sums in sorted(changes.items())]
    session.execute(_upsert(session.get_bind().dialect.name), rows)


@functools.cache
def _upsert(dialect: str) -> postgresql.Insert | sqlite.Insert:
    """Insert a cell, or add to the one there (built once per dialect)."""
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(metric_cells)
    return statement.on_conflict_do_update(
        index_elements=list(metric_cells.primary_key.columns),
        set_={name: _added(name, statement.excluded[name]) for name in SUM_NAMES},
    )


def _added(name: str, change: ColumnElement[Any]) -> ColumnElement[Any]:
    kept = metric_cells.c[name]
    if name == HIGHEST:
        return case((change > kept, change), else_=kept)
    return kept + change


def _row(cell: Cell, sums: Sums) -> dict[str, Any]:
    key = {**vars(cell), "group_value": cell.group}
    del key["group"]
    return key | vars(sums)


def cell_sums(session: Session, chosen: Selection) -> list[GroupSums]:
    """The sums of each group the selection's cells hold, in no order."""
    cells = metric_cells.c
    narrowed = [
        cells.kind == chosen.kind,
        cells.department == chosen.department,
        cells.incident_type == chosen.incident_type,
        *([cells.district == chosen.district] if chosen.district is not None else []),
        *([cells.township == chosen.township] if chosen.township is not None else []),
    ]
    totals = [
        (func.max(cells[name]) if name == HIGHEST else func.sum(cells[name])).label(name)
        for name in SUM_NAMES
    ]
    rows = session.execute(
        select(cells.group_value, *totals).where(*narrowed).group_by(cells.group_value)
    )
    return [(row.group_value, sums_of_row(row)) for row in rows]
