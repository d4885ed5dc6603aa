"""The statistics table in the annex's words: a flat header for CSV, the form for .xlsx."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from inspections.domain.statistics import StatisticsRow, StatisticsTable

Cell = str | int | None
SCHOOL_COLUMNS = (("合计", "total"), ("小学", "primary"), ("初中", "junior"))
UNIT_COLUMNS = (*SCHOOL_COLUMNS, ("校外培训机构", "institutions"))
VISITS = "责任督学到校督导工作情况"
RECTIFICATION = "学校整改落实情况"
ACCOUNTABILITY = "问责情况"
SCHOOL_ROWS = (
    ("派出责任督学数（人）", "inspectors_sent"),
    ("实地督导学校数量（所）", "schools_inspected"),
    ("责任督学已出具整改通知书及问题清单（套）", "notices_issued"),
)
RECTIFICATION_ROWS = (
    ("下发整改督办单（份）", "orders_issued"),
    ("存在问题学校（所）", "units_with_problems"),
    ("已完成整改学校数", "units_rectified"),
    ("存在问题（个）", "problems_found"),
    ("已完成整改问题数", "problems_rectified"),
    ("正在整改问题数", "problems_rectifying"),
)
ACCOUNTABILITY_ROWS = (
    ("印发督办单（件）", "supervision_notices"),
    ("通报（次）", "public_notices"),
    ("约谈（人次）", "formal_talks"),
    ("问责（人次）", "accountability"),
)
NOTE = "说明：“学校整改落实情况”栏中，存在问题=已完成整改+正在整改问题"
TITLE = "“双减”督导有关情况统计表"


def _flat() -> list[tuple[str, Callable[[StatisticsRow], Cell]]]:
    columns: list[tuple[str, Callable[[StatisticsRow], Cell]]] = [
        ("单位", lambda r: r.unit),
        ("实地督导校外培训机构数量（个）", lambda r: r.institutions_inspected),
        ("其中：学科类", lambda r: r.institutions_subject),
        ("其中：非学科类", lambda r: r.institutions_non_subject),
    ]
    for label, field in SCHOOL_ROWS:
        columns += [(f"{label}/{c}", _cell(field, key)) for c, key in SCHOOL_COLUMNS]
    for label, field in RECTIFICATION_ROWS:
        columns += [(f"{label}/{c}", _cell(field, key)) for c, key in UNIT_COLUMNS]
    for label, field in ACCOUNTABILITY_ROWS:
        columns += [
            (f"{label}/合计", _accountability(field)),
            (f"{label}/其中：区教育督导部门", _accountability(field)),
        ]
    return columns


def _cell(field: str, key: str) -> Callable[[StatisticsRow], Cell]:
    return lambda row: int(getattr(getattr(row, field), key))


def _accountability(field: str) -> Callable[[StatisticsRow], Cell]:
    # Every rung on an inspection order is the district education inspectorate's own.
    return lambda row: int(getattr(row.accountability, field))


FLAT = _flat()
FLAT_HEADER = [label for label, _ in FLAT]


def flat_rows(table: StatisticsTable) -> list[list[Cell]]:
    """A row per unit and the total, under `FLAT_HEADER`."""
    return [[value(row) for _, value in FLAT] for row in [*table.rows, table.total]]


@dataclass(frozen=True)
class Form:
    """The annex's form for one row: its cells, and blocks of a column to merge (first, last, col)."""

    rows: list[list[Cell]]
    merges: list[tuple[int, int, int]]


def annex_form(table: StatisticsTable, reporting_unit: str) -> Form:
    """The total laid out as the annex lays it out, top to bottom."""
    row = table.total
    period = f"{table.from_date or '—'} 至 {table.to_date or '—'}"
    rows: list[list[Cell]] = [
        [TITLE],
        [f"填报单位：{reporting_unit}", None, f"统计期间：{period}"],
        [
            "责任督学到培训机构督导工作情况",
            f"实地督导校外培训机构数量 {row.institutions_inspected}（个），其中：学科类 "
            f"{row.institutions_subject}，非学科类 {row.institutions_non_subject}",
        ],
        [VISITS, "落实内容", *[c for c, _ in SCHOOL_COLUMNS]],
    ]
    merges = []
    start = len(rows)
    rows += [
        [None, label, *[_cell(f, k)(row) for _, k in SCHOOL_COLUMNS]] for label, f in SCHOOL_ROWS
    ]
    merges.append((start - 1, len(rows) - 1, 0))
    start = len(rows)
    for n in range(1, 4):
        found = table.main_problems[n - 1 : n]
        text = "".join(f"第{p.item_no}项 {p.item}（{p.count}个）" for p in found)
        rows.append(["主要问题" if n == 1 else None, n, text])
    merges.append((start, len(rows) - 1, 0))
    rows.append([RECTIFICATION, "整改进展", *[c for c, _ in UNIT_COLUMNS]])
    start = len(rows)
    rows += [
        [None, label, *[_cell(f, k)(row) for _, k in UNIT_COLUMNS]]
        for label, f in RECTIFICATION_ROWS
    ]
    merges.append((start - 1, len(rows) - 1, 0))
    rows.append([ACCOUNTABILITY, "问责情况", "合计", "其中：区教育督导部门"])
    start = len(rows)
    rows += [
        [None, label, _accountability(f)(row), _accountability(f)(row)]
        for label, f in ACCOUNTABILITY_ROWS
    ]
    merges.append((start - 1, len(rows) - 1, 0))
    rows.append(["典型经验", "共发现典型经验 — 例（本系统不统计，附相关材料）"])
    rows.append([NOTE])
    return Form(rows=rows, merges=merges)
