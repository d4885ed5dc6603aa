"""The repository the registry's use cases read and write through; SQL here, a fake in fast tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sqlmodel import Session, col, func, or_, select

from govkit.http import PageParams
from govkit.principal import Scope
from govkit.queries import within
from institutions.domain.search import SearchFilters
from institutions.store.tables import (
    Institution,
    LifecycleEntry,
    OpenOrder,
    OpenViolation,
    RegistryRow,
)

CODES_PER_QUERY = 500  # keeps IN lists within SQLite's parameter limit


class RegistryRepository(Protocol):
    def add(self, row: RegistryRow) -> None: ...

    def remove(self, row: OpenViolation | OpenOrder) -> None: ...

    def institution(self, institution_id: str) -> Institution | None: ...

    def registered_codes(self, codes: Sequence[str]) -> set[str]:
        """Which of these credit codes the registry already holds."""
        ...

    def open_violations(self, institution_id: str) -> list[OpenViolation]:
        """By rule."""
        ...

    def history(self, institution_id: str) -> list[LifecycleEntry]:
        """Oldest first."""
        ...

    def order(self, order_id: str) -> OpenOrder | None: ...

    def open_orders(self, institution_id: str) -> list[OpenOrder]:
        """Soonest deadline first."""
        ...

    def search(
        self, scope: Scope, filters: SearchFilters, page: PageParams | None
    ) -> tuple[list[Institution], int]:
        """Matches in scope by name then code, one page (every match when `page` is None)."""
        ...


class SqlRegistryRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: RegistryRow) -> None:
        self._session.add(row)

    def remove(self, row: OpenViolation | OpenOrder) -> None:
        self._session.delete(row)

    def institution(self, institution_id: str) -> Institution | None:
        return self._session.get(Institution, institution_id)

    def registered_codes(self, codes: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(codes), CODES_PER_QUERY):
            chunk = codes[start : start + CODES_PER_QUERY]
            query = select(Institution.credit_code).where(col(Institution.credit_code).in_(chunk))
            found.update(self._session.exec(query).all())
        return found

    def open_violations(self, institution_id: str) -> list[OpenViolation]:
        query = select(OpenViolation).where(OpenViolation.institution_id == institution_id)
        return list(self._session.exec(query.order_by(col(OpenViolation.rule))).all())

    def history(self, institution_id: str) -> list[LifecycleEntry]:
        query = select(LifecycleEntry).where(LifecycleEntry.institution_id == institution_id)
        return list(self._session.exec(query.order_by(col(LifecycleEntry.position))).all())

    def order(self, order_id: str) -> OpenOrder | None:
        return self._session.get(OpenOrder, order_id)

    def open_orders(self, institution_id: str) -> list[OpenOrder]:
        query = select(OpenOrder).where(OpenOrder.institution_id == institution_id)
        return list(self._session.exec(query.order_by(col(OpenOrder.deadline))).all())

    def search(
        self, scope: Scope, filters: SearchFilters, page: PageParams | None
    ) -> tuple[list[Institution], int]:
        query = within(select(Institution), Institution, scope)
        for column, value in filters.columns().items():
            query = query.where(getattr(Institution, column) == value)
        if filters.q:
            query = query.where(
                or_(
                    col(Institution.name).contains(filters.q, autoescape=True),
                    Institution.credit_code == filters.q.upper(),
                )
            )
        by_name = (col(Institution.name), col(Institution.credit_code))
        ordered = query.order_by(*by_name)
        if around := filters.around():
            # Distance in units of the radius; within the circle is at most 1, nearest first.
            north = (col(Institution.latitude) - around.latitude) / around.lat_span
            east = (col(Institution.longitude) - around.longitude) / around.lng_span
            distance = north * north + east * east
            query = query.where(distance <= 1)
            ordered = query.order_by(distance, *by_name)
        if page is None:
            rows = list(self._session.exec(ordered).all())
            return rows, len(rows)
        count = self._session.exec(select(func.count()).select_from(query.subquery())).one()
        rows = list(self._session.exec(ordered.offset(page.offset).limit(page.limit)).all())
        return rows, count
