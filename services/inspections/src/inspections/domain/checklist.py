"""The inspection checklist as versioned data: items, what each applies to and maps to."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.events.inspections import UnitKind
from contracts.vocabulary import IncidentType, Severity
from govkit.errors import Invalid, NotFound
from inspections.domain.units import APPLICABILITY_OF, Applicability


class ChecklistItem(BaseModel):
    """One item: its text, the units it applies to, and where a failure leads."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    no: int = Field(ge=1)
    section: str
    text: str
    applies_to: frozenset[Applicability] = Field(min_length=1)
    severity: Severity
    compliance_rules: tuple[str, ...] = ()
    incident_type: IncidentType | None = Field(
        default=None, description="A failure blows the whistle for this incident type"
    )

    def applies(self, kind: UnitKind) -> bool:
        return APPLICABILITY_OF[kind] in self.applies_to


class Checklist(BaseModel):
    """One version of the checklist; an inspection keeps the version it was run with."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str
    title: str
    effective_from: date
    items: tuple[ChecklistItem, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _numbered_once(self) -> Checklist:
        numbers = [item.no for item in self.items]
        if numbers != sorted(set(numbers)):
            raise ValueError(f"checklist {self.version}: item numbers must rise without repeats")
        return self

    def item(self, no: int) -> ChecklistItem:
        found = next((item for item in self.items if item.no == no), None)
        if found is None:
            raise Invalid(
                f"检查表无第{no}项 (checklist {self.version} has no item {no}; "
                f"items are 1–{self.items[-1].no})"
            )
        return found

    def applicable(self, kind: UnitKind) -> list[ChecklistItem]:
        return [item for item in self.items if item.applies(kind)]


class ChecklistBook(BaseModel):
    """Every published version, the newest last."""

    model_config = ConfigDict(frozen=True)

    versions: tuple[Checklist, ...] = Field(min_length=1)

    @property
    def current(self) -> Checklist:
        return self.versions[-1]

    def version(self, version: str) -> Checklist:
        found = next((c for c in self.versions if c.version == version), None)
        if found is None:
            known = ", ".join(c.version for c in self.versions)
            raise NotFound(f"无此检查表版本 (no checklist version {version}; known: {known})")
        return found


def checklist_book(raw: Mapping[str, Any]) -> ChecklistBook:
    """Parse checklist data; bad data raises ValueError naming what is wrong."""
    book = ChecklistBook.model_validate({"versions": raw["versions"]})
    names = [c.version for c in book.versions]
    if len(set(names)) != len(names):
        raise ValueError(f"checklist versions must be unique: {names}")
    return book
