"""Reading and writing the registry's spreadsheet format: CSV (UTF-8) or Excel (.xlsx).

One row per institution with the columns of `model.FIELDS`; staff, courses and fee plans are
compact text cells (see `domain.parts`). An exported file imports again unchanged, whichever
header language it was exported with: the import reads the English field names and the
Chinese headers of `CHINESE_HEADERS` alike (the cells stay the same codes either way).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from govkit import spreadsheets
from govkit.exports import file_stream
from govkit.spreadsheets import MEDIA_TYPES, FileFormat, UnreadableFile
from institutions.domain.importing import Row
from institutions.domain.model import FIELDS, InstitutionData
from institutions.domain.parts import cell_of

__all__ = [
    "MEDIA_TYPES",
    "FileFormat",
    "UnreadableFile",
    "cells",
    "read_rows",
    "stream",
    "write_xlsx",
]

HeaderLanguage = Literal["en", "zh"]

CHINESE_HEADERS: dict[str, str] = {
    "credit_code": "统一社会信用代码",
    "name": "机构名称",
    "address": "机构地址",
    "latitude": "纬度",
    "longitude": "经度",
    "district": "区县",
    "township": "乡镇街道",
    "grid": "网格",
    "kind": "机构类型",
    "category": "培训类别",
    "non_subject_kind": "非学科类类别",
    "age_group": "面向年龄段",
    "school_licence_no": "办学许可证号",
    "school_licence_valid_until": "办学许可证有效期至",
    "business_licence_no": "营业执照号",
    "business_licence_valid_until": "营业执照有效期至",
    "non_profit": "非营利性",
    "supervising_department": "主管部门",
    "state": "状态",
    "list_status": "名单状态",
    "list_reason": "列入名单原因",
    "list_date": "列入名单日期",
    "legal_representative": "法定代表人",
    "fund_account": "资金监管账户",
    "unsettled_prepaid_yuan": "未结预收费（元）",
    "staff": "从业人员",
    "courses": "课程",
    "fee_plans": "收费方案",
}
"""Each field's Chinese header, for `GET /institutions/export?headers=zh` and its re-import."""

HEADERS: dict[HeaderLanguage, tuple[str, ...]] = {
    "en": FIELDS,
    "zh": tuple(CHINESE_HEADERS[name] for name in FIELDS),
}
_FIELD_OF = {chinese: name for name, chinese in CHINESE_HEADERS.items()}


def read_rows(filename: str, content: bytes) -> list[tuple[int, Row]]:
    """(row number as a spreadsheet shows it, non-empty cells by field name) for each data row,
    read in a process of its own within `govkit.spreadsheets.LIMITS`; a column may be headed by
    its field name or its Chinese header."""
    rows = spreadsheets.read_rows(filename, content, (*FIELDS, *_FIELD_OF))
    return [
        (number, {_FIELD_OF.get(name, name): cell for name, cell in row.items()})
        for number, row in rows
    ]


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


def stream(
    rows: Iterable[list[str]], file_format: FileFormat, headers: HeaderLanguage = "en"
) -> Iterator[bytes]:
    """Rows of cells under the header in `headers`' language, as CSV or .xlsx chunks."""
    return file_stream(HEADERS[headers], rows, file_format, "institutions")


def write_xlsx(rows: Iterable[list[str]]) -> bytes:
    return b"".join(stream(rows, "xlsx"))
