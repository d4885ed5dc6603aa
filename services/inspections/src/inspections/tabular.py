"""Spreadsheets in and out: assignment files (CSV UTF-8 or .xlsx) and the statistics table."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from govkit.errors import Invalid
from inspections.domain.layout import FLAT_HEADER, annex_form, flat_rows
from inspections.domain.statistics import StatisticsTable

FileFormat = Literal["csv", "xlsx"]
MEDIA_TYPES: dict[FileFormat, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class UnreadableFile(Invalid):
    """The upload is not a CSV or .xlsx file we can read, or its header is wrong."""


@dataclass(frozen=True)
class SpreadsheetFile:
    content: bytes
    media_type: str
    filename: str


def read_rows(
    filename: str, content: bytes, columns: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number as a spreadsheet shows it, non-empty cells by column) for each data row."""
    if not filename.lower().endswith((".csv", ".xlsx")):
        raise UnreadableFile(
            f"文件须为 .csv 或 .xlsx (got {filename!r}; accepted: .csv UTF-8, .xlsx)"
        )
    lines = _xlsx_lines(content) if filename.lower().endswith(".xlsx") else _csv_lines(content)
    header = [(cell or "").strip() for cell in next(lines, [])]
    unknown = sorted(set(header) - set(columns) - {""})
    if unknown or not header:
        raise UnreadableFile(
            f"表头含未知列 {unknown} (unknown columns; accepted columns: {', '.join(columns)})"
        )
    for number, cells in enumerate(lines, start=2):
        row = {name: cell for name, cell in zip(header, cells, strict=False) if name and cell}
        if row:
            yield number, row


def _csv_lines(content: bytes) -> Iterator[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"CSV 须为 UTF-8 编码 (CSV must be UTF-8: {exc.reason})") from exc
    yield from ([cell.strip() for cell in line] for line in csv.reader(io.StringIO(text)))


def _xlsx_lines(content: bytes) -> Iterator[list[str]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not .xlsx
        raise UnreadableFile(f"无法读取 Excel 文件 (not a readable .xlsx file: {exc})") from exc
    try:
        for values in book.worksheets[0].iter_rows(values_only=True):
            yield [_text(v) for v in values]
    finally:
        book.close()


def _text(value: object) -> str:
    match value:
        case None:
            return ""
        case datetime() | date():
            return value.isoformat()
        case float() if value.is_integer():
            return str(int(value))
        case _:
            return str(value).strip()


def statistics_file(
    table: StatisticsTable, reporting_unit: str, file_format: FileFormat
) -> SpreadsheetFile:
    """The table as CSV (a row per unit) or .xlsx (the annex's form, then a row per unit)."""
    if file_format == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(FLAT_HEADER)
        writer.writerows(flat_rows(table))
        content = out.getvalue().encode("utf-8-sig")
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
        form.append(cells)
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
        rows.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
