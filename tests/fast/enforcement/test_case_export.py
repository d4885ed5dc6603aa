"""`GET /cases/export`: the case list as CSV or .xlsx under Chinese headers, in the caller's
scope, narrowed by the filters of `GET /cases`, no cell a live formula."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from contracts.vocabulary import Department, IncidentType
from enforcement.service import whistle
from tests.fast.enforcement.casework import dispatch_command
from tests.fast.support import T0, bearer

HYPERLINK = '=HYPERLINK("http://evil.example","点我")'
HEADER = ["案件编号", "事件类型", "区县", "乡镇街道", "网格", "事件摘要", "机构名称", "机构地址"]


def _open(uow, case_id: str, department: Department, **where) -> None:
    command = dispatch_command(department).model_copy(
        update={"case_id": case_id, "incident_id": case_id, "task_id": f"{case_id}:{department}"}
        | where
    )
    with uow:
        whistle.dispatch_task(command, uow)
        uow.commit()


@pytest.fixture(autouse=True)
def cases(uow):
    """c-1 Yuhua 洞井 (education and market), c-2 Furong (fire), c-3 Yuhua 圭塘 (market)."""
    _open(uow, "c-1", Department.EDUCATION)
    _open(uow, "c-1", Department.MARKET_SUPERVISION)
    fire = {
        "district": "furong",
        "township": "dingwangtai",
        "incident_type": IncidentType.FIRE_HAZARD,
    }
    _open(uow, "c-2", Department.FIRE_SAFETY, **fire)
    _open(uow, "c-3", Department.MARKET_SUPERVISION, township="guitang")
    uow.repo.case("c-1").institution_name = HYPERLINK
    uow.repo.task("c-3:market_supervision").acknowledge_by = T0 - timedelta(minutes=1)


def _csv(api, user: str, **params) -> list[list[str]]:
    reply = api.get("/cases/export", params=params, headers=bearer(user))
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(reply.content.decode("utf-8-sig"))))


def _ids(api, user: str, **params) -> list[str]:
    return [row[0] for row in _csv(api, user, **params)[1:]]


def test_the_csv_has_chinese_headers_and_names_and_no_live_formula(api):
    header, *rows = _csv(api, "leader_city")
    assert header[: len(HEADER)] == HEADER
    assert {"上报人", "上报时间", "状态", "办结时间", "涉及部门", "超时"} <= set(header)
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert list(by_id) == ["c-3", "c-2", "c-1"]  # newest first, as `GET /cases`
    first = by_id["c-1"]
    assert first["事件类型"] == "无证办学" and first["状态"] == "办理中"
    assert first["涉及部门"] == "教育局、市场监管局"
    assert first["立案时间"] == "2026-11-23 10:00:00"  # Asia/Shanghai
    assert first["机构名称"] == "'" + HYPERLINK
    assert (by_id["c-3"]["超时"], first["超时"]) == ("是", "否")


def test_the_xlsx_keeps_formula_text_as_text_under_a_utf8_filename(api):
    reply = api.get("/cases/export?format=xlsx", headers=bearer("district_yuhua"))
    assert reply.status_code == 200, reply.text
    disposition = reply.headers["content-disposition"]
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "案件清单.xlsx"
    sheet = load_workbook(io.BytesIO(reply.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][: len(HEADER)] == HEADER
    assert [row[0] for row in rows[1:]] == ["c-3", "c-1"]
    name = sheet.cell(row=3, column=HEADER.index("机构名称") + 1)
    assert (name.value, name.data_type) == (HYPERLINK, "s")


def test_each_caller_exports_only_their_scope(api):
    assert _ids(api, "district_yuhua") == ["c-3", "c-1"]
    assert _ids(api, "edu_lead") == ["c-1"]
    assert _ids(api, "edu_officer_furong") == []
    assert _ids(api, "township_guitang") == ["c-3"]
    assert _ids(api, "grid_dongtang") == ["c-1"]
    assert api.get("/cases/export").status_code == 401


def test_filters_narrow_the_export_never_widen_it(api):
    assert _ids(api, "leader_city", township="guitang") == ["c-3"]
    assert _ids(api, "leader_city", department="fire_safety") == ["c-2"]
    assert _ids(api, "leader_city", incident_type="fire_hazard") == ["c-2"]
    assert _ids(api, "leader_city", overdue="true") == ["c-3"]
    assert _ids(api, "leader_city", overdue="false") == ["c-2", "c-1"]
    assert _ids(api, "leader_city", status="closed") == []
    assert _ids(api, "leader_city", opened_from="2026-11-24") == []
    assert _ids(api, "edu_lead", department="fire_safety") == []


def test_a_format_other_than_csv_or_xlsx_is_refused_naming_both(api):
    reply = api.get("/cases/export?format=pdf", headers=bearer("leader_city"))
    assert reply.status_code == 422
    assert "csv" in reply.text and "xlsx" in reply.text
