"""Files to download (CSV and .xlsx) whose cells never run as formulas.

A cell beginning with `= + - @` (or a tab or carriage return) is a formula to a spreadsheet
program: a registry entry named `=HYPERLINK(...)` would run on the district officer's desk.
CSV cells like that get a leading `'` (which `govkit.spreadsheets` takes off again on import);
.xlsx cells are written as text marked quote-prefixed, their value unchanged. Control
characters (other than tab, line feed and carriage return) cannot be stored in an .xlsx at all:
they are left out of its cells, so one odd name never breaks a whole download.

`Column`s name a download's cells under their (Chinese) headers once; `csv_stream` and
`xlsx_stream` write any rows under them chunk by chunk, and `download` answers with either as a
streamed attachment, so a large export never sits in memory as one list or one file.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar
from urllib.parse import quote

from fastapi.responses import StreamingResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

T = TypeVar("T")
FileFormat = Literal["csv", "xlsx"]
MEDIA_TYPES: dict[FileFormat, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_CHUNK = 64 * 1024
_ROWS_A_CHUNK = 500

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_LEADS)


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet program shows as the text it is."""
    if isinstance(value, str) and is_formula_like(value):
        return QUOTE + value
    return value


def imported_cell(text: str) -> str:
    """A CSV cell as it was before `csv_cell` quoted it."""
    return text[1:] if text.startswith(QUOTE) and is_formula_like(text[1:]) else text


def csv_file(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 CSV (with the byte order mark Excel needs) under `header`, every cell neutral."""
    return b"".join(csv_stream(header, rows))


def csv_stream(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[bytes]:
    """`csv_file` in chunks of a few hundred rows: the byte order mark and header first."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    yield out.getvalue().encode("utf-8-sig")
    written = 0
    for row in rows:
        if written == 0:
            out.seek(0)
            out.truncate()
        writer.writerow([csv_cell(value) for value in row])
        written += 1
        if written == _ROWS_A_CHUNK:
            yield out.getvalue().encode("utf-8")
            written = 0
    if written:
        yield out.getvalue().encode("utf-8")


def xlsx_stream(
    header: Sequence[str], rows: Iterable[Sequence[object]], sheet_title: str
) -> Iterator[bytes]:
    """An .xlsx of one sheet, every cell neutral, in chunks: openpyxl's write-only mode keeps
    the rows on disk, not in memory, and the finished file is read back from a temporary file."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title)
    sheet.append(list(header))
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    with tempfile.TemporaryFile() as out:
        book.save(out)
        out.seek(0)
        while chunk := out.read(_CHUNK):
            yield chunk


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column of a download: its header as people read it, and its cell for an item."""

    header: str
    cell: Callable[[T], object]


def table_stream(
    columns: Sequence[Column[T]], items: Iterable[T], file_format: FileFormat, sheet_title: str
) -> Iterator[bytes]:
    """The items as rows under the columns' headers, as CSV or .xlsx chunks."""
    header = [column.header for column in columns]
    rows = ([column.cell(item) for column in columns] for item in items)
    return file_stream(header, rows, file_format, sheet_title)


def file_stream(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    file_format: FileFormat,
    sheet_title: str,
) -> Iterator[bytes]:
    """`csv_stream` or `xlsx_stream`, as the format says."""
    if file_format == "xlsx":
        return xlsx_stream(header, rows, sheet_title)
    return csv_stream(header, rows)


DOWNLOAD: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A CSV (UTF-8 with BOM) or .xlsx file, streamed",
        "content": {media_type: {} for media_type in MEDIA_TYPES.values()},
    }
}
"""`responses=` for a route answering with `download`."""


def download(
    chunks: Iterable[bytes], file_format: FileFormat, name: str, ascii_name: str
) -> StreamingResponse:
    """A streamed attachment `name`.<format>, with `ascii_name` for clients without RFC 5987."""
    return StreamingResponse(
        iter(chunks),
        media_type=MEDIA_TYPES[file_format],
        headers={"Content-Disposition": attachment(name, ascii_name, file_format)},
    )


def attachment(name: str, ascii_name: str, file_format: FileFormat) -> str:
    """`Content-Disposition` for a download: `filename*=` carries the UTF-8 name."""
    utf8 = quote(f"{name}.{file_format}")
    return f"attachment; filename=\"{ascii_name}.{file_format}\"; filename*=UTF-8''{utf8}"


def xlsx_row(sheet: Any, values: Iterable[object]) -> list[object]:
    """`values` to `sheet.append`, formula-like text as a text cell and control characters left
    out (any openpyxl sheet)."""
    cells = [_storable(value) for value in values]
    return [_text_cell(sheet, value) if _formula_text(value) else value for value in cells]


def _storable(value: object) -> object:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _formula_text(value: object) -> bool:
    return isinstance(value, str) and is_formula_like(value)


def _text_cell(sheet: Any, text: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"  # openpyxl took the leading `=` for a formula
    cell.quotePrefix = True  # and Excel keeps it text when someone edits it
    return cell
