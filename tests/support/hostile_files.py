"""Uploads built to hurt a reader: the files of issue 14, made small and exact.

- `dimension_bomb`: a 2 KB .xlsx whose `<dimension>` claims every row and column Excel has.
- `cell_bomb`: an .xlsx that zips a 100 MB shared string into about 100 KB.
- `long_csv`: a CSV of many short rows (200,000 in the issue).
"""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

_HEADER_AND_ROW = b'<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'


def _xlsx_with(sheet_xml: bytes, shared_strings: bytes | None = None) -> bytes:
    """A real workbook (openpyxl's own parts) with its first sheet, and strings, replaced."""
    book = Workbook()
    book.active.append(["name"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = sheet_xml
            target.writestr(item.filename, content)
        if shared_strings is not None:
            target.writestr("xl/sharedStrings.xml", shared_strings)
    return out.getvalue()


def _sheet(dimension: str, rows: bytes) -> bytes:
    return (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + f'<dimension ref="{dimension}"/>'.encode()
        + b"<sheetData>"
        + rows
        + b"</sheetData></worksheet>"
    )


def dimension_bomb() -> bytes:
    return _xlsx_with(_sheet("A1:XFD1048576", _HEADER_AND_ROW))


def cell_bomb(megabytes: int = 100) -> bytes:
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        b'uniqueCount="1"><si><t>' + b"A" * (megabytes * 1024 * 1024) + b"</t></si></sst>"
    )
    row = _HEADER_AND_ROW + b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    return _xlsx_with(_sheet("A1:A2", row), strings)


def long_csv(rows: int, header: str = "name") -> bytes:
    return (header + "\n" + "".join(f"机构{n}\n" for n in range(rows))).encode()
