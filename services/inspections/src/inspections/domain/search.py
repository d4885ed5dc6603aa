"""What lists of units and inspections may be narrowed by (query parameters)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from contracts.events.inspections import UnitKind
from inspections.domain.inspections import InspectionStatus


class UnitFilters(BaseModel):
    unit_kind: UnitKind | None = None
    township: str | None = Field(default=None, max_length=50)
    q: str | None = Field(default=None, max_length=50, description="Part of the name or the code")

    def matches(self, unit_kind: str, township: str, name: str, code: str) -> bool:
        return (
            (self.unit_kind is None or unit_kind == self.unit_kind)
            and (self.township is None or township == self.township)
            and (self.q is None or self.q in name or self.q == code)
        )


class InspectionFilters(BaseModel):
    unit_id: str | None = Field(default=None, max_length=100)
    status: InspectionStatus | None = None
    inspector: str | None = Field(default=None, max_length=100)

    def matches(self, unit_id: str, status: str, inspector: str) -> bool:
        return (
            (self.unit_id is None or unit_id == self.unit_id)
            and (self.status is None or status == self.status)
            and (self.inspector is None or inspector == self.inspector)
        )
