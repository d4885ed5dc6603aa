"""Uploaded tables every service reads the same way: CSV (UTF-8) or Excel (.xlsx), as text cells."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

from openpyxl import load_workbook

from govkit.errors import Invalid

FileFormat = Literal["csv", "xlsx"]
MEDIA_TYPES: dict[FileFormat, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class UnreadableFile(Invalid, ValueError):
    """The upload is not a CSV or .xlsx file we can read, or its header is wrong."""


@dataclass(frozen=True)
class SpreadsheetFile:
    content: bytes
    media_type: str
    filename: str


def read_rows(
    filename: str, content: bytes, columns: tuple[str, ...] | list[str]
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
            yield [_cell_text(v) for v in values]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    """Excel stores numbers, dates and times natively; the models parse text."""
    match value:
        case None:
            return ""
        case datetime():
            return value.date().isoformat() if value.time() == time(0) else value.isoformat()
        case date() | time():
            return value.isoformat()
        case float() if value.is_integer():
            return str(int(value))
        case _:
            return str(value).strip()
