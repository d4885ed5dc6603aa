"""The registry's repository in memory."""

from __future__ import annotations

from collections.abc import Sequence

from govkit.http import PageParams
from govkit.principal import Scope
from institutions.domain.search import SearchFilters
from institutions.store.tables import (
    Institution,
    LifecycleEntry,
    OpenOrder,
    OpenViolation,
    RegistryRow,
)


class FakeRegistryRepository:
    def __init__(self) -> None:
        self.institutions_by_id: dict[str, Institution] = {}
        self.violations: dict[tuple[str, str], OpenViolation] = {}
        self.lifecycle: list[LifecycleEntry] = []
        self.orders: dict[str, OpenOrder] = {}

    def add(self, row: RegistryRow) -> None:
        if isinstance(row, Institution):
            self.institutions_by_id[row.institution_id] = row
        elif isinstance(row, OpenViolation):
            self.violations[row.institution_id, row.rule] = row
        elif isinstance(row, OpenOrder):
            self.orders[row.order_id] = row
        else:
            row.position = len(self.lifecycle) + 1
            self.lifecycle.append(row)

    def remove(self, row: OpenViolation | OpenOrder) -> None:
        if isinstance(row, OpenOrder):
            del self.orders[row.order_id]
        else:
            del self.violations[row.institution_id, row.rule]

    def institution(self, institution_id: str) -> Institution | None:
        return self.institutions_by_id.get(institution_id)

    def registered_codes(self, codes: Sequence[str]) -> set[str]:
        return {row.credit_code for row in self.institutions_by_id.values()} & set(codes)

    def open_violations(self, institution_id: str) -> list[OpenViolation]:
        found = [v for (owner, _), v in self.violations.items() if owner == institution_id]
        return sorted(found, key=lambda v: v.rule)

    def history(self, institution_id: str) -> list[LifecycleEntry]:
        return [entry for entry in self.lifecycle if entry.institution_id == institution_id]

    def order(self, order_id: str) -> OpenOrder | None:
        return self.orders.get(order_id)

    def open_orders(self, institution_id: str) -> list[OpenOrder]:
        found = [o for o in self.orders.values() if o.institution_id == institution_id]
        return sorted(found, key=lambda o: o.deadline)

    def search(
        self, scope: Scope, filters: SearchFilters, page: PageParams | None
    ) -> tuple[list[Institution], int]:
        def matches(row: Institution) -> bool:
            columns = filters.columns().items()
            text = filters.q
            return all(getattr(row, c) == v for c, v in columns) and (
                not text or text in row.name or row.credit_code == text.upper()
            )

        found = sorted(
            (row for row in self.institutions_by_id.values() if scope.admits(row) and matches(row)),
            key=lambda row: (row.name, row.credit_code),
        )
        shown = found if page is None else found[page.offset : page.offset + page.limit]
        return shown, len(found)
