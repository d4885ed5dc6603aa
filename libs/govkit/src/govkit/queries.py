"""The list query every repository runs: inside a scope, newest first, one page and a count."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, func, select
from sqlmodel.sql.expression import SelectOfScalar

from govkit.http import PageParams
from govkit.principal import Scope

T = TypeVar("T")


def within(query: SelectOfScalar[T], table: type[Any], scope: Scope) -> SelectOfScalar[T]:
    """Only rows whose columns match every bound field of the scope."""
    for column, value in scope.filters().items():
        query = query.where(getattr(table, column) == value)
    return query


def page_of(
    session: Session,
    query: SelectOfScalar[T],
    order_by: ColumnElement[Any] | tuple[ColumnElement[Any], ...],
    page: PageParams,
    *,
    count_up_to: int | None = None,
) -> tuple[list[T], int]:
    """One page in `order_by` (a column, or a tuple of columns sorted by in turn), and the count:
    of every row, or of no more than `count_up_to` + 1 (enough to say there are more)."""
    columns = order_by if isinstance(order_by, tuple) else (order_by,)
    counted = query if count_up_to is None else query.limit(count_up_to + 1)
    count = session.exec(select(func.count()).select_from(counted.subquery())).one()
    rows = session.exec(query.order_by(*columns).offset(page.offset).limit(page.limit)).all()
    return list(rows), count
