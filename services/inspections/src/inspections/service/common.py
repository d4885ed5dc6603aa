"""What every use case shares: the unit of work's type, the rule data, and the reach check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from govkit.calendar import WorkingCalendar
from govkit.errors import NotFound
from govkit.principal import Principal
from govkit.uow import UnitOfWork
from inspections.domain.access import Located, reach_of
from inspections.domain.checklist import ChecklistBook
from inspections.domain.deadlines import RectificationRules
from inspections.store.repository import InspectionsRepository

Uow = UnitOfWork[InspectionsRepository]
L = TypeVar("L", bound=Located)


@dataclass(frozen=True)
class Rules:
    """The data the rules run on, loaded once when the app starts."""

    checklists: ChecklistBook
    rectification: RectificationRules
    calendar: WorkingCalendar


def visible(row: L | None, reader: Principal, uow: Uow, what: str) -> L:
    """The row, if in the reader's reach; otherwise not found (what exists elsewhere stays unsaid)."""
    reach = reach_of(reader)
    if row is not None:
        listed = reach.inspector is None or uow.repo.listed(reach.inspector, row.unit_id)
        if reach.admits(row, listed=listed):
            return row
    raise NotFound(f"不存在或无权查看 (no {what} in your reach)")
