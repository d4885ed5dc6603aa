"""`GET /metrics/export`: `GET /metrics`'s rows as CSV or .xlsx under Chinese headers, within
the caller's scope, groups named in Chinese."""

from __future__ import annotations

import csv
import io
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from contracts.vocabulary import Department
from tests.fast.oversight.test_use_cases import acknowledged, dispatched, folded
from tests.fast.support import bearer

FIGURES = ["派发任务数", "响应率", "按期办结率", "返工率", "超时任务数", "督办升级次数"]


@pytest.fixture(autouse=True)
def tasks(uow):
    folded(
        uow,
        dispatched("c1"),
        acknowledged("c1", 10),
        dispatched("c2", Department.FIRE_SAFETY, township="guitang"),
        dispatched("c3", Department.MARKET_SUPERVISION, township="dingwangtai", district="furong"),
    )


def _rows(api, user: str, **params) -> list[list[str]]:
    reply = api.get("/metrics/export", params=params, headers=bearer(user))
    assert reply.status_code == 200, reply.text
    return list(csv.reader(io.StringIO(reply.content.decode("utf-8-sig"))))


def test_departments_by_chinese_name_with_each_figure_under_its_chinese_header(api):
    header, *rows = _rows(api, "leader_city", group_by="department")
    assert header[0] == "部门" and header[1 : 1 + len(FIGURES)] == FIGURES
    assert header[-12:] == [
        *["解决率", "满意率", "未评价占比", "案件数", "办理中案件数", "已办结案件数"],
        *["超时案件数", "升级案件数", "督办单", "通报", "约谈", "问责"],
    ]
    by_group = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_group) == {"教育局", "消防救援", "市场监管局"}
    education = api.get("/metrics?group_by=department", headers=bearer("leader_city"))
    (as_json,) = [g for g in education.json()["data"] if g["group"] == "education"]
    assert by_group["教育局"]["响应率"] == str(as_json["response_rate"]["value"])
    assert by_group["教育局"]["派发任务数"] == "1"
    assert by_group["教育局"]["满意率"] == ""  # nothing rated: 0/0 is blank, not 0


def test_each_caller_exports_only_their_scope(api):
    def groups(user: str, group_by: str = "township") -> list[str]:
        return [row[0] for row in _rows(api, user, group_by=group_by)[1:]]

    assert groups("district_yuhua") == ["dongtang", "guitang"]
    assert groups("township_guitang") == ["guitang"]
    assert groups("edu_lead", "department") == ["教育局"]
    assert groups("leader_city", "week")[0].startswith("2026-W")
    assert groups("leader_city", "township") == ["dingwangtai", "dongtang", "guitang"]
    assert (
        api.get("/metrics/export?group_by=week", headers=bearer("edu_officer")).status_code == 403
    )


def test_the_xlsx_has_a_utf8_filename_and_the_same_rows(api):
    reply = api.get(
        "/metrics/export?group_by=township&format=xlsx", headers=bearer("district_yuhua")
    )
    assert reply.status_code == 200, reply.text
    name = unquote(reply.headers["content-disposition"].split("filename*=UTF-8''")[1])
    assert name == "考核指标_按乡镇街道.xlsx"
    sheet = load_workbook(io.BytesIO(reply.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "乡镇街道" and [row[0] for row in rows[1:]] == ["dongtang", "guitang"]
    assert rows[1][1] == 1  # a count stays a number in the workbook


def test_bad_format_or_grouping_is_refused_naming_what_is_accepted(api):
    bad = api.get("/metrics/export?group_by=week&format=ods", headers=bearer("leader_city"))
    assert bad.status_code == 422 and "csv" in bad.text and "xlsx" in bad.text
    grouping = api.get("/metrics/export?group_by=district", headers=bearer("leader_city"))
    assert grouping.status_code == 422 and "'department', 'township' or 'week'" in grouping.text
