"""Reading and writing the registry's spreadsheet format: CSV (UTF-8) or Excel (.xlsx).

One row per institution with the columns of `model.FIELDS`; staff, courses and fee plans are
compact text cells (see `domain.parts`). An exported file imports again unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

from govkit import spreadsheets
from govkit.spreadsheets import MEDIA_TYPES, FileFormat, SpreadsheetFile, UnreadableFile
from institutions.domain.importing import Row
from institutions.domain.model import FIELDS, InstitutionData
from institutions.domain.parts import cell_of

__all__ = [
    "MEDIA_TYPES",
    "FileFormat",
    "SpreadsheetFile",
    "UnreadableFile",
    "cells",
    "read_rows",
    "spreadsheet",
    "write_csv",
    "write_xlsx",
]


def read_rows(filename: str, content: bytes) -> Iterator[tuple[int, Row]]:
    """(row number as a spreadsheet shows it, non-empty cells by column) for each data row."""
    return spreadsheets.read_rows(filename, content, FIELDS)


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
