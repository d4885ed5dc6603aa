"""An inspection: the checklist items recorded pass / fail / not applicable, then completed.

Completing needs a result for every item that applies to the unit; each failed item becomes a
finding, and the findings of one inspection become one rectification order.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.events.inspections import InspectionKind, UnitKind
from contracts.events.patrol import GeoPoint
from contracts.vocabulary import Department
from govkit.errors import Invalid, WrongState
from inspections.domain.checklist import Checklist, ChecklistItem
from inspections.domain.evidence import FileRef, check_references


class InspectionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class ItemResult(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"


class NewInspection(BaseModel):
    """An inspector starts an inspection of a unit they are listed for."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    unit_id: str = Field(min_length=1, max_length=100)
    kind: InspectionKind
    plan_id: str | None = None
    departments: list[Department] = Field(default=[], description="Joint inspections only")
    location: GeoPoint | None = Field(default=None, description="Where the inspector stood")


class ResultEntry(BaseModel):
    """One item's result; a failed item says what was found."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    item_no: int = Field(ge=1)
    result: ItemResult
    note: str = Field(default="", max_length=2000)
    photos: list[FileRef] = []

    @model_validator(mode="after")
    def _failure_described(self) -> ResultEntry:
        if self.result == ItemResult.FAIL and len(self.note) < 2:
            raise ValueError(
                f"第{self.item_no}项不合格须写明发现的问题 (a failed item needs a note saying "
                "what was found)"
            )
        return self


class ResultSheet(BaseModel):
    """Results for some items (recording one again replaces it)."""

    model_config = ConfigDict(extra="forbid")

    results: list[ResultEntry] = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def _each_item_once(self) -> ResultSheet:
        numbers = [entry.item_no for entry in self.results]
        if len(set(numbers)) != len(numbers):
            raise ValueError("同一项重复 (each item may appear once per request)")
        return self


class Completion(BaseModel):
    """Closing the inspection; the requirements go on the order (a default if left out)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    requirements: str | None = Field(default=None, min_length=5, max_length=2000)


@dataclass(frozen=True)
class FailedItem:
    """A failed item with what the inspector noted: a finding once the inspection completes."""

    item: ChecklistItem
    note: str
    photos: tuple[str, ...]


def check_in_progress(status: InspectionStatus) -> None:
    if status != InspectionStatus.IN_PROGRESS:
        raise WrongState(
            "督导已完成，结果不可更改 (the inspection is completed; results are final)"
        )


def check_joint(kind: InspectionKind, departments: list[Department]) -> None:
    if (kind == InspectionKind.JOINT) != bool(departments):
        raise Invalid(
            "联合检查须列明部门，其他督导不列 (departments are required for a joint inspection "
            "and only for it)"
        )


def check_sheet(
    sheet: ResultSheet,
    *,
    status: InspectionStatus,
    checklist: Checklist,
    unit_kind: UnitKind,
    uploaded: set[str],
) -> None:
    """Refuse results for a completed inspection, an unknown item, or one that does not apply."""
    check_in_progress(status)
    for entry in sheet.results:
        item = checklist.item(entry.item_no)
        if not item.applies(unit_kind) and entry.result != ItemResult.NOT_APPLICABLE:
            raise Invalid(
                f"第{item.no}项不适用于该对象 (item {item.no} does not apply to a {unit_kind.value}; "
                "only not_applicable is accepted for it)"
            )
        check_references(entry.photos, uploaded, "inspection")


def failed_items(
    checklist: Checklist, unit_kind: UnitKind, recorded: dict[int, ResultEntry]
) -> list[FailedItem]:
    """The failures, once every applicable item has a result; otherwise say which are missing."""
    missing = [item.no for item in checklist.applicable(unit_kind) if item.no not in recorded]
    if missing:
        raise Invalid(
            f"尚有检查项未填写 (items without a result: {', '.join(map(str, missing))}; "
            "record pass, fail or not_applicable for each)"
        )
    return [
        FailedItem(checklist.item(no), entry.note, tuple(entry.photos))
        for no, entry in sorted(recorded.items())
        if entry.result == ItemResult.FAIL
    ]
