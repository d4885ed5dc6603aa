"""Reading a year's notice from an uploaded file: CSV (UTF-8) or JSON.

CSV: a header `date,kind,name` (or 日期,类型,名称), then one row per date; rows are numbered as
a spreadsheet shows them (the header is row 1). JSON: `{"notice": "…", "days": [{"date": …,
"kind": …, "name": …}, …]}`; rows are numbered by their place in `days`, from 1.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from govkit.errors import Invalid
from workflows.domain.calendar_year import Row

COLUMNS = {
    "date": "date",
    "日期": "date",
    "kind": "kind",
    "类型": "kind",
    "name": "name",
    "名称": "name",
}
FORMATS = "只接受 .csv 或 .json 文件 (accepted: .csv with columns date,kind,name, or .json)"


def read_notice(filename: str, content: bytes) -> tuple[str | None, list[tuple[int, Row]]]:
    """The notice named in the file (JSON only) and its numbered rows."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid(f"文件须为 UTF-8 编码 (the file must be UTF-8: {exc.reason})") from exc
    suffix = filename.lower().rsplit(".", 1)[-1]
    if suffix == "csv":
        return None, _csv_rows(text)
    if suffix == "json":
        return _json_notice(text)
    raise Invalid(FORMATS)


def _csv_rows(text: str) -> list[tuple[int, Row]]:
    # newline="": a bare carriage return ends a line as \n and \r\n do.
    lines = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [COLUMNS.get(cell.strip()) for cell in next(lines, [])]
        if sorted(filter(None, header)) != ["date", "kind", "name"]:
            raise Invalid(f"表头应为 date,kind,name 或 日期,类型,名称 ({FORMATS})")
        return [
            (number, {column: cell for column, cell in zip(header, cells, strict=False) if column})
            for number, cells in enumerate(lines, start=2)
            if any(cell.strip() for cell in cells)
        ]
    except csv.Error as exc:  # a field past csv's own limit
        raise Invalid(f"无法读取 CSV 文件 (not a readable CSV file: {exc}; {FORMATS})") from exc


def _json_notice(text: str) -> tuple[str | None, list[tuple[int, Row]]]:
    try:
        raw: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Invalid(f"JSON 无法解析 (unreadable JSON: {exc})") from exc
    days = raw.get("days") if isinstance(raw, dict) else None
    if not isinstance(days, list) or not all(isinstance(day, dict) for day in days):
        raise Invalid(f'JSON 应含 "days" 列表，每项有 date、kind、name ({FORMATS})')
    notice = raw.get("notice")
    return (str(notice) if notice else None), list(enumerate(days, start=1))
