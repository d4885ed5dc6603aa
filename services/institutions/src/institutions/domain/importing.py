"""Checking an imported file row by row before anything is written.

Every row is validated fully (credit code check digit, enums, dates, numbers, the caller's
remit, duplicates in the file and in the registry) so the report names every bad row at once.
A file with any bad row is rejected whole, unless the caller accepts a partial import.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import ValidationError

from govkit.errors import Invalid
from govkit.principal import Principal
from govkit.row_errors import RowError, RowReport, reported, row_errors
from institutions.domain.access import remit_problem
from institutions.domain.model import InstitutionData

Row = dict[str, str]
"""One row of a file: non-empty cells by column name."""
NumberedRows = list[tuple[int, InstitutionData]]
"""Good rows with their numbers as a spreadsheet shows them."""


class ImportReport(RowReport):
    imported: int


class FileRejected(Invalid):
    """Some rows are bad and a partial import was not accepted: nothing was imported."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(
            f"文件有误，未导入 ({report.rejected_rows} rows rejected; nothing was imported)"
        )
        self.report = report


def check_rows(
    rows: Iterable[tuple[int, Row]], by: Principal
) -> tuple[NumberedRows, list[RowError]]:
    """The rows that are good, and what is wrong with the others (registry duplicates aside)."""
    good: NumberedRows = []
    errors: list[RowError] = []
    first_row_of: dict[str, int] = {}
    for number, row in rows:
        try:
            data = InstitutionData.model_validate(row)
        except ValidationError as exc:
            errors.extend(row_errors(number, exc))
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


def admit(
    good: NumberedRows, errors: list[RowError], registered: set[str], *, accept_partial: bool
) -> tuple[list[InstitutionData], ImportReport]:
    """What to register, and the report; raises `FileRejected` for a bad file taken whole."""
    errors = errors + [
        RowError(
            row=number,
            field="credit_code",
            reason=f"该代码已登记 ({data.credit_code} is already in the registry)",
        )
        for number, data in good
        if data.credit_code in registered
    ]
    if errors and not accept_partial:
        raise FileRejected(ImportReport(imported=0, **reported(errors)))
    admitted = [data for _, data in good if data.credit_code not in registered]
    return admitted, ImportReport(imported=len(admitted), **reported(errors))
