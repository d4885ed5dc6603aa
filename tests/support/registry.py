"""Registry rows built from the seed reports' facts (长沙市雨花区, 东塘/圭塘街道).

Credit codes are real-shaped: 5 (civil affairs) 2 (private non-enterprise unit), 430111
(雨花区's administrative code), a 9-character organisation code, and the GB 32100 check digit.
"""

from __future__ import annotations

import io
import random

from openpyxl import Workbook

from institutions.domain.credit_code import CHARSET, check_character
from institutions.domain.model import FIELDS

YUHUA_PREFIX = "52430111"


def credit_code(rng: random.Random) -> str:
    body = YUHUA_PREFIX + "".join(rng.choice(CHARSET) for _ in range(9))
    return body + check_character(body)


def compliant_row(rng: random.Random, **changes: str) -> dict[str, str]:
    """A licensed non-subject (sports) institution in 东塘 that breaks no rule."""
    row = {
        "credit_code": credit_code(rng),
        "name": "星辰青少年篮球俱乐部",
        "address": "长沙市雨花区东塘街道劳动西路88号2楼",
        "latitude": "28.1098",
        "longitude": "113.0102",
        "district": "yuhua",
        "township": "dongtang",
        "grid": "dongtang-01",
        "kind": "training_institution",
        "category": "non_subject",
        "non_subject_kind": "sports",
        "age_group": "primary",
        "school_licence_no": "教民143011170000123号",
        "school_licence_valid_until": "2029-06-30",
        "business_licence_no": "52430111MJJ000123X",
        "business_licence_valid_until": "2029-06-30",
        "non_profit": "false",
        "supervising_department": "sports",
        "state": "approved",
        "list_status": "none",
        "fund_account": "YH-BANK-0001",
        "unsettled_prepaid_yuan": "0",
        "staff": "李教练/qualified/not_serving/passed",
        "courses": "少儿篮球@sat 09:00-11:00 term; 少儿篮球@wed 18:30-20:30 term",
        "fee_plans": "2400/24/3/prepaid",
    }
    row.update(changes)
    return row


def subject_row(rng: random.Random, **changes: str) -> dict[str, str]:
    """An approved, non-profit junior-secondary subject institution that breaks no rule."""
    subject = {
        "name": "启航初中数学辅导中心",
        "category": "subject",
        "non_subject_kind": "",
        "age_group": "junior_secondary",
        "non_profit": "true",
        "supervising_department": "education",
        "courses": "初中数学@wed 18:30-20:30 term",
    }
    return compliant_row(rng, **(subject | changes))


def csv_file(rows: list[dict[str, str]]) -> bytes:
    lines = [",".join(FIELDS)]
    lines += [",".join(_csv_cell(row.get(name, "")) for name in FIELDS) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _csv_cell(value: str) -> str:
    return f'"{value}"' if any(c in value for c in ',"\n') else value


def xlsx_file(rows: list[dict[str, str]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("institutions")
    sheet.append(list(FIELDS))
    for row in rows:
        sheet.append([row.get(name, "") for name in FIELDS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def generated_rows(count: int, rng: random.Random, name_prefix: str) -> list[dict[str, str]]:
    """`count` distinct compliant institutions spread over 东塘 and 圭塘's grids, each at its own
    address with its own fund account (the links risk follows are rare in a real registry)."""
    grids = [("dongtang", "dongtang-01"), ("dongtang", "dongtang-02"), ("guitang", "guitang-01")]
    codes: set[str] = set()
    rows = []
    while len(rows) < count:
        code = credit_code(rng)
        if code in codes:
            continue
        codes.add(code)
        township, grid = grids[len(rows) % len(grids)]
        rows.append(
            compliant_row(
                rng,
                credit_code=code,
                name=f"{name_prefix}培训机构{len(rows):05d}",
                address=f"长沙市雨花区劳动西路{name_prefix}{len(rows):05d}号",
                fund_account=f"{name_prefix}-{len(rows):05d}",
                township=township,
                grid=grid,
            )
        )
    return rows
