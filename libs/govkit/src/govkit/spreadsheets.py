"""Uploaded tables every service reads the same way: CSV (UTF-8) or Excel (.xlsx), as text cells.

An upload is read in a fresh process (`govkit.worker`) within `UploadLimits`: its size, the
size it unpacks to, its rows, columns and cell length, time and memory. A file past any limit
is refused whole with a message naming the limit; nothing of it reaches the service's memory.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from openpyxl import load_workbook

from govkit.errors import Invalid
from govkit.exports import MEDIA_TYPES as MEDIA_TYPES
from govkit.exports import FileFormat as FileFormat
from govkit.exports import imported_cell
from govkit.text import has_control
from govkit.worker import WorkLimits, run_isolated

NumberedRows = list[tuple[int, dict[str, str]]]
"""(row number as a spreadsheet shows it, non-empty cells by column) for each data row."""


@dataclass(frozen=True)
class UploadLimits:
    """What one uploaded table may hold; the defaults fit a district's whole registry."""

    upload_bytes: int = 10 * 1024 * 1024
    unpacked_bytes: int = 50 * 1024 * 1024  # an .xlsx's members together, unzipped
    rows: int = 10_000
    columns: int = 64
    cell_chars: int = 2_000
    seconds: float = 30.0
    memory_bytes: int = 1024 * 1024 * 1024  # the reading process's address space


LIMITS = UploadLimits()


class UnreadableFile(Invalid, ValueError):
    """The upload is not a CSV or .xlsx file we can read, its header is wrong, or it is past
    one of the `UploadLimits`."""


@dataclass(frozen=True)
class SpreadsheetFile:
    content: bytes
    media_type: str
    filename: str


def read_rows(
    filename: str,
    content: bytes,
    columns: tuple[str, ...] | list[str],
    limits: UploadLimits = LIMITS,
) -> NumberedRows:
    """Every data row of the upload, read in a process of its own within `limits`.

    Blocks the calling thread for as long as the reading takes (at most `limits.seconds`).
    """
    work = WorkLimits(seconds=limits.seconds, memory_bytes=limits.memory_bytes)
    return run_isolated(work, parse_rows, filename, content, tuple(columns), limits)


def parse_rows(
    filename: str,
    content: bytes,
    columns: tuple[str, ...] | list[str],
    limits: UploadLimits = LIMITS,
) -> NumberedRows:
    """`read_rows` in this process: the checks and the parsing, without the isolation."""
    if not filename.lower().endswith((".csv", ".xlsx")):
        raise UnreadableFile(
            f"文件须为 .csv 或 .xlsx (got {filename[:100]!r}; accepted: .csv UTF-8, .xlsx)"
        )
    if len(content) > limits.upload_bytes:
        raise UnreadableFile(
            f"文件过大 (file of {len(content)} bytes; accepted: at most {limits.upload_bytes})"
        )
    if filename.lower().endswith(".xlsx"):
        lines = _xlsx_lines(content, limits)
    else:
        lines = _csv_lines(content)
    try:
        return _numbered_rows(lines, columns, limits)
    except csv.Error as exc:  # a NUL byte, a stray quote, a field past csv's own limit
        raise UnreadableFile(f"无法读取 CSV 文件 (not a readable CSV file: {exc})") from exc


def _numbered_rows(
    lines: Iterator[list[str]], columns: tuple[str, ...] | list[str], limits: UploadLimits
) -> NumberedRows:
    header = [cell.strip() for cell in next(lines, [])]
    unknown = sorted(set(header) - set(columns) - {""})
    if unknown or not header:
        shown = [name[:50] for name in unknown[:10]]
        raise UnreadableFile(
            f"表头含未知列 {shown} (unknown columns; accepted columns: {', '.join(columns)})"
        )
    rows: NumberedRows = []
    for number, cells in enumerate(lines, start=2):
        _check_cells(number, cells, limits)
        row = {name: cell for name, cell in zip(header, cells, strict=False) if name and cell}
        if not row:
            continue
        if len(rows) == limits.rows:
            raise UnreadableFile(
                f"行数过多 (more than {limits.rows} data rows; accepted: at most "
                f"{limits.rows} per file; split it)"
            )
        rows.append((number, row))
    return rows


def _check_cells(number: int, cells: list[str], limits: UploadLimits) -> None:
    if len(cells) > limits.columns and any(cells[limits.columns :]):
        raise UnreadableFile(
            f"第{number}行列数过多 (row {number} has more than {limits.columns} columns; "
            f"accepted: at most {limits.columns})"
        )
    for column, cell in enumerate(cells, start=1):
        if len(cell) > limits.cell_chars:
            raise UnreadableFile(
                f"第{number}行第{column}列内容过长 (row {number}, column {column}: "
                f"{len(cell)} characters; accepted: at most {limits.cell_chars})"
            )
        if has_control(cell):
            raise UnreadableFile(
                f"第{number}行第{column}列含控制字符 (row {number}, column {column} holds a "
                "control character; accepted: text, tabs and line breaks)"
            )


def _csv_lines(content: bytes) -> Iterator[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"CSV 须为 UTF-8 编码 (CSV must be UTF-8: {exc.reason})") from exc
    # newline="": a bare carriage return ends a line as \n and \r\n do (the csv module's way).
    lines = csv.reader(io.StringIO(text, newline=""))
    yield from ([imported_cell(cell.strip()) for cell in line] for line in lines)


def _xlsx_lines(content: bytes, limits: UploadLimits) -> Iterator[list[str]]:
    _check_unpacked_size(content, limits)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a file that is not .xlsx
        raise UnreadableFile(f"无法读取 Excel 文件 (not a readable .xlsx file: {exc})") from exc
    # The sheet's own <dimension> may claim a million rows and columns: read the cells there are,
    # and one column past the limit, to tell a sheet that is too wide.
    sheet.reset_dimensions()
    try:
        rows = sheet.iter_rows(max_col=limits.columns + 1, values_only=True)
        for values in rows:
            yield [_cell_text(v) for v in values]
    finally:
        book.close()


def _check_unpacked_size(content: bytes, limits: UploadLimits) -> None:
    """Refuse a zip bomb by what its members say they unpack to (zipfile never reads past it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise UnreadableFile(f"无法读取 Excel 文件 (not a readable .xlsx file: {exc})") from exc
    if unpacked > limits.unpacked_bytes:
        raise UnreadableFile(
            f"Excel 文件解压后过大 (unpacks to {unpacked} bytes; accepted: at most "
            f"{limits.unpacked_bytes}; save it without unused sheets or split it)"
        )


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
