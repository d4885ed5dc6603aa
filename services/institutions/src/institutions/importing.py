"""Checking an imported file row by row before anything is written.

Every row is validated fully (credit code check digit, enums, dates, numbers, the caller's
remit, duplicates in the file and in the registry) so the report names every bad row at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ValidationError

from govkit.principal import Principal
from institutions.domain import remit_problem
from institutions.model import InstitutionData
from institutions.tabular import Row


class RowError(BaseModel):
    row: int
    field: str
    reason: str


def check_rows(
    rows: Iterable[tuple[int, Row]], by: Principal
) -> tuple[list[tuple[int, InstitutionData]], list[RowError]]:
    """The rows that are good, and what is wrong with the others (registry duplicates aside)."""
    good: list[tuple[int, InstitutionData]] = []
    errors: list[RowError] = []
    first_row_of: dict[str, int] = {}
    for number, row in rows:
        try:
            data = InstitutionData.model_validate(row)
        except ValidationError as exc:
            errors.extend(
                RowError(
                    row=number,
                    field=".".join(str(part) for part in e["loc"]) or "row",
                    reason=e["msg"].removeprefix("Value error, "),
                )
                for e in exc.errors()
            )
            continue
        if problem := remit_problem(by, data):
            errors.append(RowError(row=number, field="remit", reason=problem))
        elif data.credit_code in first_row_of:
            errors.append(
                RowError(
                    row=number,
                    field="credit_code",
                    reason=f"与第{first_row_of[data.credit_code]}行重复 (same code as row "
                    f"{first_row_of[data.credit_code]})",
                )
            )
        else:
            first_row_of[data.credit_code] = number
            good.append((number, data))
    return good, errors


def already_registered(good: list[tuple[int, InstitutionData]], codes: set[str]) -> list[RowError]:
    return [
        RowError(
            row=number,
            field="credit_code",
            reason=f"该代码已登记 ({data.credit_code} is already in the registry)",
        )
        for number, data in good
        if data.credit_code in codes
    ]
