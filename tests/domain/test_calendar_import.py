"""Loading a year of the working calendar: checked whole, every bad row named with its reason."""

from __future__ import annotations

import json

import pytest

from govkit.calendar import shipped_years
from govkit.errors import Invalid
from tests.support.calendar import LOADED_AT, csv_2027, loaded_2027, rows_2027
from workflows.calendar_files import read_notice
from workflows.domain.calendar_year import YearLoad, YearRejected, checked_year

pytestmark = pytest.mark.unit


def load(rows: list[dict[str, str]], year: int = 2027) -> YearLoad:
    return YearLoad(year, list(enumerate(rows, start=1)), None, "admin_user", LOADED_AT)


def problems(rows: list[dict[str, str]], year: int = 2027) -> list[tuple[int, str, str]]:
    with pytest.raises(YearRejected) as refused:
        checked_year(load(rows, year))
    return [(e.row, e.field, e.reason) for e in refused.value.errors]


def test_a_good_notice_becomes_the_years_event():
    assert checked_year(load(rows_2027())) == loaded_2027()


def test_the_shipped_years_pass_the_same_checks():
    for notice in shipped_years():
        rows = [{"date": str(d), "kind": "holiday", "name": n} for d, n in notice.holidays.items()]
        rows += [
            {"date": str(d), "kind": "workday", "name": n}
            for d, n in notice.makeup_workdays.items()
        ]
        assert checked_year(load(rows, notice.year)).year == notice.year


def test_every_bad_row_is_named_with_its_field_and_reason():
    rows = rows_2027() + [
        {"date": "2026-12-31", "kind": "holiday", "name": "元旦"},  # 13: another year
        {"date": "2027-01-02", "kind": "workday", "name": "元旦"},  # 14: holiday and make-up
        {"date": "2027-02-20", "kind": "workday", "name": "春节调休"},  # 15: duplicate
        {"date": "2027-02-31", "kind": "holiday", "name": "春节"},  # 16: no such date
        {"date": "2027-03-01", "kind": "vacation", "name": ""},  # 17: unknown kind, no name
        {"date": "2027-03-02", "kind": "调休上班", "name": "补班"},  # 18: a Tuesday
    ]
    found = problems(rows)
    assert [(row, field) for row, field, _ in found] == [
        (13, "date"),
        (14, "date"),
        (15, "date"),
        (16, "date"),
        (17, "kind"),
        (17, "name"),
        (18, "kind"),
    ]
    reasons = [reason for _, _, reason in found]
    assert reasons[0] == "2026-12-31 不在 2027 年内 (2026-12-31 is outside 2027)"
    assert "2027-01-02 cannot be both a holiday and a make-up working day: see row 2" in reasons[1]
    assert reasons[2] == "与第 12 行重复 (2027-02-20 repeats row 12)"
    assert "date must be YYYY-MM-DD, got '2027-02-31'" in reasons[3]
    assert "kind must be holiday or workday, got 'vacation'" in reasons[4]
    assert "name of 1-40 characters" in reasons[5]
    assert "2027-03-02 is a Tuesday, a working day anyway" in reasons[6]


def test_a_year_without_dates_or_out_of_range_is_refused():
    with pytest.raises(Invalid, match="no dates"):
        checked_year(load([]))
    with pytest.raises(Invalid, match="year must be 2000-2100"):
        checked_year(load(rows_2027(), year=1999))


def test_a_csv_with_chinese_headers_reads_as_its_spreadsheet_rows():
    content = "\ufeff日期,类型,名称\n2027-01-01,放假,元旦\n\n2027-02-20,调休上班,春节调休\n"
    notice, rows = read_notice("2027.csv", content.encode())
    assert notice is None
    assert rows == [
        (2, {"date": "2027-01-01", "kind": "放假", "name": "元旦"}),
        (4, {"date": "2027-02-20", "kind": "调休上班", "name": "春节调休"}),
    ]
    assert read_notice("2027.csv", csv_2027())[1][0] == (2, rows_2027()[0])


def test_a_json_file_carries_its_notice_and_numbers_rows_from_one():
    body = {"notice": "国务院办公厅关于2027年部分节假日安排的通知", "days": rows_2027()}
    notice, rows = read_notice("2027.json", json.dumps(body).encode())
    assert notice == body["notice"] and rows[0] == (1, rows_2027()[0])


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("2027.xlsx", b"PK", "accepted: .csv with columns date,kind,name, or .json"),
        ("2027.csv", b"day,type\n2027-01-01,holiday\n", "表头应为 date,kind,name"),
        ("2027.csv", "日期,类型,名称\n".encode("gbk"), "must be UTF-8"),
        ("2027.json", b"{not json", "unreadable JSON"),
        ("2027.json", b'[{"date": "2027-01-01"}]', 'JSON 应含 "days" 列表'),
    ],
)
def test_an_unreadable_file_is_refused_saying_what_is_accepted(name, content, reason):
    with pytest.raises(Invalid, match=reason):
        read_notice(name, content)
