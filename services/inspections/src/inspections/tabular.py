"""Spreadsheets in and out: assignment files (CSV UTF-8 or .xlsx) and the statistics table."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from govkit.exports import csv_file, xlsx_row
from govkit.spreadsheets import (
    MEDIA_TYPES,
    FileFormat,
    SpreadsheetFile,
    UnreadableFile,
    read_rows,
)
from inspections.domain.layout import FLAT_HEADER, annex_form, flat_rows
from inspections.domain.statistics import StatisticsTable

__all__ = [
    "MEDIA_TYPES",
    "FileFormat",
    "SpreadsheetFile",
    "UnreadableFile",
    "read_rows",
    "statistics_file",
]


def statistics_file(
    table: StatisticsTable, reporting_unit: str, file_format: FileFormat
) -> SpreadsheetFile:
    """The table as CSV (a row per unit) or .xlsx (the annex's form, then a row per unit)."""
    if file_format == "csv":
        content = csv_file(FLAT_HEADER, flat_rows(table))
    else:
        content = _xlsx(table, reporting_unit)
    return SpreadsheetFile(content, MEDIA_TYPES[file_format], f"statistics.{file_format}")


def _xlsx(table: StatisticsTable, reporting_unit: str) -> bytes:
    book = Workbook()
    form = book.active
    assert form is not None  # a new workbook has its first sheet
    form.title = "统计表"
    annex = annex_form(table, reporting_unit)
    for cells in annex.rows:
        form.append(xlsx_row(form, cells))
    for first, last, column in annex.merges:
        form.merge_cells(
            start_row=first + 1, end_row=last + 1, start_column=column + 1, end_column=column + 1
        )
    form.merge_cells(start_row=1, end_row=1, start_column=1, end_column=6)
    form["A1"].font = Font(bold=True, size=14)
    form["A1"].alignment = Alignment(horizontal="center")
    form.column_dimensions["A"].width = 22
    form.column_dimensions["B"].width = 40
    rows = book.create_sheet("分单位")
    rows.append(FLAT_HEADER)
    for values in flat_rows(table):
        rows.append(xlsx_row(rows, values))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
