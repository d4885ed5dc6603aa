"""Inspections' repository in memory; its counts are a plain-Python recompute of the table."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

from govkit.fakes import fake_page
from govkit.http import PageParams
from inspections.domain.access import Reach
from inspections.domain.inspections import InspectionStatus
from inspections.domain.orders import OrderStatus
from inspections.domain.search import InspectionFilters, UnitFilters
from inspections.domain.statistics import SCHOOLS, Figure, MainProblem, Period, Tally
from inspections.domain.units import SCHOOL_KINDS
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

KEYS = {
    Unit: lambda r: r.unit_id,
    Assignment: lambda r: r.assignment_id,
    Plan: lambda r: r.plan_id,
    Inspection: lambda r: r.inspection_id,
    ItemResultRow: lambda r: (r.inspection_id, r.item_no),
    Finding: lambda r: r.finding_id,
    Order: lambda r: r.order_id,
    OrderEntry: lambda r: r.entry_id,
    EvidenceFile: lambda r: (r.owner_id, r.sha256),
}


def _during(moment: datetime | None, period: Period) -> bool:
    return (
        moment is not None
        and (period.start is None or moment >= period.start)
        and (period.end is None or moment < period.end)
    )


class FakeInspectionsRepository:
    def __init__(self) -> None:
        self.rows: dict[type, dict[Any, Any]] = defaultdict(dict)

    def all(self, table: type) -> list[Any]:
        return list(self.rows[table].values())

    def add(self, row: InspectionsTable) -> None:
        self.rows[type(row)][KEYS[type(row)](row)] = row

    def _reached(self, rows: Iterable[Any], reach: Reach) -> list[Any]:
        listed = {a.unit_id for a in self.all(Assignment) if a.inspector == reach.inspector}
        return [r for r in rows if reach.admits(r, listed=r.unit_id in listed)]

    def _page(self, rows: Iterable[Any], page: PageParams, newest: Any) -> tuple[list[Any], int]:
        return fake_page(rows, page, newest_first=newest)

    def unit(self, unit_id: str) -> Unit | None:
        return self.rows[Unit].get(unit_id)

    def units_by_code(self, codes: Collection[str]) -> dict[str, Unit]:
        return {u.unit_code: u for u in self.all(Unit) if u.unit_code in codes}

    def units(self, reach: Reach, filters: UnitFilters, page: PageParams):
        rows = [
            u
            for u in self._reached(self.all(Unit), reach)
            if filters.matches(u.unit_kind, u.township, u.unit_name, u.unit_code)
        ]
        return self._page(rows, page, lambda u: u.unit_name)

    def listed(self, inspector: str, unit_id: str) -> bool:
        return any(a.inspector == inspector and a.unit_id == unit_id for a in self.all(Assignment))

    def assignments(self, reach: Reach, page: PageParams):
        return self._page(self._reached(self.all(Assignment), reach), page, lambda a: a.assigned_at)

    def plan(self, plan_id: str) -> Plan | None:
        return self.rows[Plan].get(plan_id)

    def plans(self, reach: Reach, page: PageParams):
        rows = [p for p in self.all(Plan) if reach.area.district in (None, p.district)]
        return self._page(rows, page, lambda p: p.starts_on)

    def inspection(self, inspection_id: str) -> Inspection | None:
        return self.rows[Inspection].get(inspection_id)

    def inspections(self, reach: Reach, filters: InspectionFilters, page: PageParams):
        rows = [
            i
            for i in self._reached(self.all(Inspection), reach)
            if filters.matches(i.unit_id, i.status, i.inspector)
        ]
        return self._page(rows, page, lambda i: i.started_at)

    def results(self, inspection_id: str) -> list[ItemResultRow]:
        rows = self.rows[ItemResultRow]
        return [rows[key] for key in sorted(rows) if key[0] == inspection_id]

    def findings(self, order_id: str) -> list[Finding]:
        rows = [f for f in self.all(Finding) if f.order_id == order_id]
        return sorted(rows, key=lambda f: f.item_no)

    def order(self, order_id: str) -> Order | None:
        return self.rows[Order].get(order_id)

    def orders(self, reach: Reach, status: OrderStatus | None, page: PageParams):
        rows = [
            o
            for o in self._reached(self.all(Order), reach)
            if status is None or o.status == status.value
        ]
        return self._page(rows, page, lambda o: o.issued_at)

    def orders_numbered(self, prefix: str) -> int:
        return sum(o.number.startswith(prefix) for o in self.all(Order))

    def entry(self, entry_id: str) -> OrderEntry | None:
        return self.rows[OrderEntry].get(entry_id)

    def entries(self, order_id: str) -> list[OrderEntry]:
        return sorted(
            (e for e in self.all(OrderEntry) if e.order_id == order_id), key=lambda e: e.at
        )

    def file(self, owner_id: str, sha256: str) -> EvidenceFile | None:
        return self.rows[EvidenceFile].get((owner_id, sha256))

    def file_hashes(self, owner_id: str) -> set[str]:
        return {f.sha256 for f in self.all(EvidenceFile) if f.owner_id == owner_id}

    def tallies(self, reach: Reach, period: Period, rows_by: str) -> dict[str, Tally]:
        out: defaultdict[str, Tally] = defaultdict(Counter)
        visits = [
            i
            for i in self._reached(self.all(Inspection), reach)
            if i.status == InspectionStatus.COMPLETED and _during(i.completed_at, period)
        ]
        for (unit, kind), group in _grouped(visits, rows_by).items():
            out[unit][Figure.INSPECTED, kind] += len({i.unit_id for i in group})
            if kind in SCHOOL_KINDS:
                out[unit][Figure.INSPECTORS, kind] += len({i.inspector for i in group})
        for unit in {getattr(i, rows_by) for i in visits}:
            sent = {
                i.inspector
                for i in visits
                if getattr(i, rows_by) == unit and i.unit_kind in SCHOOL_KINDS
            }
            if sent:
                out[unit][Figure.INSPECTORS, SCHOOLS] += len(sent)
        issued = [o for o in self._reached(self.all(Order), reach) if _during(o.issued_at, period)]
        for (unit, kind), group in _grouped(issued, rows_by).items():
            out[unit][Figure.ORDERS, kind] += len(group)
        found = [f for f in self._reached(self.all(Finding), reach) if _during(f.found_at, period)]
        for (unit, kind), group in _grouped(found, rows_by).items():
            open_units = {f.unit_id for f in group if f.rectified_at is None}
            units = {f.unit_id for f in group}
            out[unit][Figure.UNITS_WITH_PROBLEMS, kind] += len(units)
            out[unit][Figure.UNITS_RECTIFIED, kind] += len(units - open_units)
            out[unit][Figure.PROBLEMS_FOUND, kind] += len(group)
            out[unit][Figure.PROBLEMS_RECTIFIED, kind] += sum(
                f.rectified_at is not None for f in group
            )
            out[unit][Figure.PROBLEMS_RECTIFYING, kind] += sum(
                f.rectified_at is None for f in group
            )
        climbed = [
            e
            for e in self._reached(self.all(OrderEntry), reach)
            if e.kind == "escalation" and _during(e.at, period)
        ]
        for e in climbed:
            out[getattr(e, rows_by)][Figure.ESCALATIONS, e.rung] += 1
        return dict(out)

    def inspectors_overall(self, reach: Reach, period: Period) -> Tally:
        visits = [
            i
            for i in self._reached(self.all(Inspection), reach)
            if i.status == InspectionStatus.COMPLETED
            and _during(i.completed_at, period)
            and i.unit_kind in SCHOOL_KINDS
        ]
        out: Tally = Counter()
        for kind in SCHOOL_KINDS:
            sent = {i.inspector for i in visits if i.unit_kind == kind}
            if sent:
                out[Figure.INSPECTORS, kind] = len(sent)
        out[Figure.INSPECTORS, SCHOOLS] = len({i.inspector for i in visits})
        return out

    def main_problems(self, reach: Reach, period: Period, limit: int) -> list[MainProblem]:
        found = [f for f in self._reached(self.all(Finding), reach) if _during(f.found_at, period)]
        counts = Counter(f.item_no for f in found)
        text = {f.item_no: f.item for f in found}
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [MainProblem(item_no=no, item=text[no], count=n) for no, n in ranked]


def _grouped(rows: list[Any], rows_by: str) -> dict[tuple[str, str], list[Any]]:
    groups: defaultdict[tuple[str, str], list[Any]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, rows_by), row.unit_kind].append(row)
    return dict(groups)
