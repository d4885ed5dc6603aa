"""挂牌督学: listing inspectors for schools and institutions, one imported row at a time.

An institution is named by its unified social credit code and must be in the registry (and in
the district); a school is named by its code and described by the row. Every row is checked
before anything is written, so the report names every bad row at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from contracts.events.inspections import UnitKind
from govkit.errors import Invalid
from govkit.row_errors import RowError, RowReport, row_errors
from inspections.domain.units import UnitData, school_unit_id

Row = dict[str, str]
"""One row of a file: non-empty cells by column name."""


class UnitType(StrEnum):
    INSTITUTION = "institution"
    SCHOOL = "school"


class SchoolLevel(StrEnum):
    PRIMARY = "primary"
    JUNIOR = "junior"


LEVEL_KINDS = {
    SchoolLevel.PRIMARY: UnitKind.PRIMARY_SCHOOL,
    SchoolLevel.JUNIOR: UnitKind.JUNIOR_SCHOOL,
}


class AssignmentRow(BaseModel):
    """One row of an assignment file (the columns of `COLUMNS`)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    inspector: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.@-]+$")
    unit_type: UnitType
    code: str = Field(min_length=2, max_length=40)
    name: str | None = Field(default=None, max_length=200)
    level: SchoolLevel | None = None
    district: str | None = Field(default=None, max_length=50)
    township: str | None = Field(default=None, max_length=50)
    grid: str | None = Field(default=None, max_length=50)
    address: str | None = Field(default=None, max_length=300)

    @model_validator(mode="after")
    def _school_described(self) -> AssignmentRow:
        if self.unit_type == UnitType.SCHOOL and not (self.name and self.level and self.township):
            raise ValueError(
                "学校须填写名称、学段和街道 (a school row needs name, level (primary or junior) "
                "and township)"
            )
        return self


COLUMNS: tuple[str, ...] = tuple(AssignmentRow.model_fields)


class ImportReport(RowReport):
    assigned: int
    unchanged: int


class FileRejected(Invalid):
    """Some rows are bad and a partial import was not accepted: nothing was imported."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(
            f"文件有误，未导入 ({report.rejected_rows} rows rejected; nothing was imported)"
        )
        self.report = report


class Listing(BaseModel):
    """A good row: this inspector, this unit (a school's unit as the row describes it)."""

    model_config = ConfigDict(frozen=True)

    inspector: str
    unit: UnitData


def check_rows(
    rows: Iterable[tuple[int, Row]], *, district: str, institutions: Mapping[str, UnitData]
) -> tuple[list[Listing], list[RowError]]:
    """The good rows in `district` and what is wrong with the others (`institutions` by code)."""
    good: list[Listing] = []
    errors: list[RowError] = []
    first_row_of: dict[tuple[str, str], int] = {}
    for number, row in rows:
        try:
            parsed = AssignmentRow.model_validate(row)
        except ValidationError as exc:
            errors.extend(row_errors(number, exc))
            continue
        unit_or_error = _unit(parsed, district, institutions)
        if isinstance(unit_or_error, RowError):
            errors.append(unit_or_error.model_copy(update={"row": number}))
            continue
        key = (parsed.inspector, unit_or_error.unit_id)
        if key in first_row_of:
            errors.append(
                RowError(
                    row=number,
                    field="code",
                    reason=f"与第{first_row_of[key]}行重复 (same inspector and unit as row "
                    f"{first_row_of[key]})",
                )
            )
            continue
        first_row_of[key] = number
        good.append(Listing(inspector=parsed.inspector, unit=unit_or_error))
    return good, errors


def _unit(
    row: AssignmentRow, district: str, institutions: Mapping[str, UnitData]
) -> UnitData | RowError:
    if row.district not in (None, district):
        return RowError(
            row=0,
            field="district",
            reason=f"只能挂牌本区 (you list inspectors in district {district} only)",
        )
    if row.unit_type == UnitType.SCHOOL:
        assert row.name and row.level and row.township  # checked by the model
        return UnitData(
            unit_id=school_unit_id(row.code),
            unit_kind=LEVEL_KINDS[row.level],
            unit_code=row.code,
            unit_name=row.name,
            address=row.address or "",
            district=district,
            township=row.township,
            grid=row.grid or "",
        )
    known = institutions.get(row.code.upper())
    if known is None or known.district != district:
        return RowError(
            row=0,
            field="code",
            reason=f"登记系统中本区无此机构 (no institution with credit code {row.code} in the "
            f"registry of district {district}; register it there first)",
        )
    return known.model_copy(update={"address": row.address}) if row.address else known
