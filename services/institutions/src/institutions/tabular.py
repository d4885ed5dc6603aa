"""Reading and writing the registry's spreadsheet format: CSV (UTF-8) or Excel (.xlsx).

One row per institution with the columns of `model.FIELDS`; staff, courses and fee plans are
compact text cells (see `domain.parts`). An exported file imports again unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

from openpyxl import Workbook, load_workbook

from govkit.errors import Invalid
from institutions.domain.importing import Row
from institutions.domain.model import FIELDS, InstitutionData
from institutions.domain.parts import cell_of

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


def read_rows(filename: str, content: bytes) -> Iterator[tuple[int, Row]]:
    """(row number as a spreadsheet shows it, non-empty cells by column) for each data row."""
    lines = _xlsx_lines(content) if filename.lower().endswith(".xlsx") else _csv_lines(content)
    header = [(cell or "").strip() for cell in next(lines, [])]
    unknown = sorted(set(header) - set(FIELDS) - {""})
    if unknown or not header:
        raise UnreadableFile(
            f"表头含未知列 {unknown} (unknown columns; accepted columns: {', '.join(FIELDS)})"
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
    """Excel stores numbers, dates and times natively; the model parses text."""
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


def cells(data: InstitutionData) -> list[str]:
    """An institution as one row of text cells, in `FIELDS` order."""
    raw = data.model_dump(mode="json") | {
        "staff": cell_of(data.staff),
        "courses": cell_of(data.courses),
        "fee_plans": cell_of(data.fee_plans),
    }
    return [
        ""
        if raw[name] is None
        else str(raw[name]).lower()
        if isinstance(raw[name], bool)
        else str(raw[name])
        for name in FIELDS
    ]


def spreadsheet(rows: Iterable[list[str]], file_format: FileFormat) -> SpreadsheetFile:
    """Rows of cells under the header, as a CSV or .xlsx file to download."""
    content = write_xlsx(rows) if file_format == "xlsx" else write_csv(rows)
    return SpreadsheetFile(content, MEDIA_TYPES[file_format], f"institutions.{file_format}")


def write_csv(rows: Iterable[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(rows: Iterable[list[str]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("institutions")
    sheet.append(list(FIELDS))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
