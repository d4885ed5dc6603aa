"""The repository inspections' use cases read and write through; SQL here, a fake in fast tests."""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from sqlmodel import Session, col, func, select

from govkit.http import PageParams
from govkit.queries import page_of
from inspections.domain.access import Reach
from inspections.domain.orders import OrderStatus
from inspections.domain.search import InspectionFilters, UnitFilters
from inspections.domain.statistics import MainProblem, Period, Tally
from inspections.store import counts
from inspections.store.filters import inspection_filters, reached, unit_filters
from inspections.store.tables import (
    Assignment,
    EvidenceFile,
    Finding,
    Inspection,
    InspectionsTable,
    ItemResultRow,
    Order,
    OrderEntry,
    Plan,
    Unit,
)


class InspectionsRepository(Protocol):
    def add(self, row: InspectionsTable) -> None: ...

    def unit(self, unit_id: str) -> Unit | None: ...

    def units_by_code(self, codes: Collection[str]) -> dict[str, Unit]: ...

    def units(
        self, reach: Reach, filters: UnitFilters, page: PageParams
    ) -> tuple[list[Unit], int]: ...

    def listed(self, inspector: str, unit_id: str) -> bool: ...

    def assignments(self, reach: Reach, page: PageParams) -> tuple[list[Assignment], int]: ...

    def plan(self, plan_id: str) -> Plan | None: ...

    def plans(self, reach: Reach, page: PageParams) -> tuple[list[Plan], int]: ...

    def inspection(self, inspection_id: str) -> Inspection | None: ...

    def inspections(
        self, reach: Reach, filters: InspectionFilters, page: PageParams
    ) -> tuple[list[Inspection], int]: ...

    def results(self, inspection_id: str) -> list[ItemResultRow]: ...

    def findings(self, order_id: str) -> list[Finding]: ...

    def order(self, order_id: str) -> Order | None: ...

    def orders(
        self, reach: Reach, status: OrderStatus | None, page: PageParams
    ) -> tuple[list[Order], int]: ...

    def orders_numbered(self, prefix: str) -> int: ...

    def entry(self, entry_id: str) -> OrderEntry | None: ...

    def entries(self, order_id: str) -> list[OrderEntry]: ...

    def file(self, owner_id: str, sha256: str) -> EvidenceFile | None: ...

    def file_hashes(self, owner_id: str) -> set[str]: ...

    def tallies(self, reach: Reach, period: Period, rows_by: str) -> dict[str, Tally]: ...

    def inspectors_overall(self, reach: Reach, period: Period) -> Tally: ...

    def main_problems(self, reach: Reach, period: Period, limit: int) -> list[MainProblem]: ...


class SqlInspectionsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: InspectionsTable) -> None:
        self._session.add(row)

    def unit(self, unit_id: str) -> Unit | None:
        return self._session.get(Unit, unit_id)

    def units_by_code(self, codes: Collection[str]) -> dict[str, Unit]:
        query = select(Unit).where(col(Unit.unit_code).in_(list(codes)))
        return {unit.unit_code: unit for unit in self._session.exec(query)}

    def units(self, reach: Reach, filters: UnitFilters, page: PageParams) -> tuple[list[Unit], int]:
        query = unit_filters(reached(select(Unit), Unit, reach), filters)
        return page_of(self._session, query, col(Unit.unit_name).asc(), page)

    def listed(self, inspector: str, unit_id: str) -> bool:
        query = select(Assignment.assignment_id).where(
            Assignment.inspector == inspector, Assignment.unit_id == unit_id
        )
        return self._session.exec(query).first() is not None

    def assignments(self, reach: Reach, page: PageParams) -> tuple[list[Assignment], int]:
        query = reached(select(Assignment), Assignment, reach)
        return page_of(self._session, query, col(Assignment.assigned_at).desc(), page)

    def plan(self, plan_id: str) -> Plan | None:
        return self._session.get(Plan, plan_id)

    def plans(self, reach: Reach, page: PageParams) -> tuple[list[Plan], int]:
        query = select(Plan)
        if reach.area.district is not None:
            query = query.where(Plan.district == reach.area.district)
        return page_of(self._session, query, col(Plan.starts_on).desc(), page)

    def inspection(self, inspection_id: str) -> Inspection | None:
        return self._session.get(Inspection, inspection_id)

    def inspections(
        self, reach: Reach, filters: InspectionFilters, page: PageParams
    ) -> tuple[list[Inspection], int]:
        query = inspection_filters(reached(select(Inspection), Inspection, reach), filters)
        return page_of(self._session, query, col(Inspection.started_at).desc(), page)

    def results(self, inspection_id: str) -> list[ItemResultRow]:
        query = (
            select(ItemResultRow)
            .where(ItemResultRow.inspection_id == inspection_id)
            .order_by(col(ItemResultRow.item_no))
        )
        return list(self._session.exec(query))

    def findings(self, order_id: str) -> list[Finding]:
        query = select(Finding).where(Finding.order_id == order_id).order_by(col(Finding.item_no))
        return list(self._session.exec(query))

    def order(self, order_id: str) -> Order | None:
        return self._session.get(Order, order_id)

    def orders(
        self, reach: Reach, status: OrderStatus | None, page: PageParams
    ) -> tuple[list[Order], int]:
        query = reached(select(Order), Order, reach)
        if status is not None:
            query = query.where(Order.status == status.value)
        return page_of(self._session, query, col(Order.issued_at).desc(), page)

    def orders_numbered(self, prefix: str) -> int:
        query = select(func.count()).where(col(Order.number).startswith(prefix, autoescape=True))
        return self._session.exec(query).one()

    def entry(self, entry_id: str) -> OrderEntry | None:
        return self._session.get(OrderEntry, entry_id)

    def entries(self, order_id: str) -> list[OrderEntry]:
        query = select(OrderEntry).where(OrderEntry.order_id == order_id)
        return list(self._session.exec(query.order_by(col(OrderEntry.at))))

    def file(self, owner_id: str, sha256: str) -> EvidenceFile | None:
        return self._session.get(EvidenceFile, (owner_id, sha256))

    def file_hashes(self, owner_id: str) -> set[str]:
        query = select(EvidenceFile.sha256).where(EvidenceFile.owner_id == owner_id)
        return set(self._session.exec(query))

    def tallies(self, reach: Reach, period: Period, rows_by: str) -> dict[str, Tally]:
        return counts.tallies(self._session, reach, period, rows_by)

    def inspectors_overall(self, reach: Reach, period: Period) -> Tally:
        return counts.inspectors_overall(self._session, reach, period)

    def main_problems(self, reach: Reach, period: Period, limit: int) -> list[MainProblem]:
        return counts.main_problems(self._session, reach, period, limit)
