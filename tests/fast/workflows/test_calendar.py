"""The working calendar's routes and the health warning, with a fixed clock (23 Nov 2026)."""

from __future__ import annotations

from datetime import date

import pytest

from govkit.calendar_feed import CalendarFeed
from tests.fast.support import bearer
from tests.support.calendar import csv_2027, rows_2027

pytestmark = pytest.mark.unit

YEAR_2027 = "/calendar/years/2027"
WARNING = (
    "warning: 工作日历仅载入至 2026-12-31，请载入 2027 年 "
    "(working calendar loaded up to 2026-12-31; load 2027)"
)


async def test_health_warns_two_months_before_the_loaded_years_run_out_and_stays_up(api):
    reply = await api.get("/health")
    assert reply.status_code == 200
    body = reply.json()
    assert body == {
        "service": "workflows",
        "status": "up",
        "temporal": "up",
        "kafka": "up",
        "calendar": WARNING,
        "checked_seconds_ago": body["checked_seconds_ago"],
    }
    assert set(body["checked_seconds_ago"]) == {"temporal", "kafka"}


async def test_everyone_logged_in_reads_the_calendar(api):
    assert (await api.get("/calendar/years")).status_code == 401
    reply = await api.get("/calendar/years", headers=bearer("grid_dongtang"))
    assert reply.status_code == 200
    body = reply.json()
    assert (body["coverage"], [y["year"] for y in body["years"]]) == (WARNING, [2026])
    assert body["years"][0]["loaded_by"] is None  # shipped with the platform
    assert {"date": "2026-10-01", "name": "国庆节"} in body["years"][0]["holidays"]
    missing = await api.get(YEAR_2027, headers=bearer("grid_dongtang"))
    assert missing.status_code == 404
    assert "Monday to Friday are working days" in missing.json()["detail"]


async def test_an_admin_loads_a_year_and_it_is_recorded_and_used_at_once(app, api, recorded):
    body = {"notice": "国务院办公厅关于2027年部分节假日安排的通知", "days": rows_2027()}
    reply = await api.put(YEAR_2027, json=body, headers=bearer("admin_user"))
    assert reply.status_code == 200, reply.text
    assert reply.json()["loaded_by"] == "admin_user"
    assert app.state.calendar.current.is_rest_day(date(2027, 1, 1))
    health = (await api.get("/health")).json()
    assert health["calendar"].startswith("ok: 工作日历已载入至 2027-12-31")
    listed = await api.get("/calendar/years", headers=bearer("edu_officer"))
    assert [y["year"] for y in listed.json()["years"]] == [2026, 2027]
    # What went to Kafka is all another service needs to know the year.
    assert len(recorded) == 1
    elsewhere = CalendarFeed()
    elsewhere.receive(recorded[0])
    assert elsewhere.current == app.state.calendar.current


@pytest.mark.parametrize("user", ["edu_officer", "township_dongtang", "leader_city"])
async def test_only_an_admin_loads_a_year(api, recorded, user):
    reply = await api.put(YEAR_2027, json={"days": rows_2027()}, headers=bearer(user))
    assert reply.status_code == 403 and "admin" in reply.json()["detail"]
    imported = await api.post(
        YEAR_2027 + "/import", files={"file": ("2027.csv", csv_2027())}, headers=bearer(user)
    )
    assert imported.status_code == 403
    assert recorded == []


async def test_an_import_with_bad_rows_loads_nothing_and_names_each_row(app, api, recorded):
    rows = rows_2027() + [
        {"date": "2028-01-01", "kind": "holiday", "name": "元旦"},
        {"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
    ]
    reply = await api.post(
        YEAR_2027 + "/import",
        files={"file": ("2027.csv", csv_2027(rows), "text/csv")},
        headers=bearer("admin_user"),
    )
    assert reply.status_code == 422
    assert reply.json()["errors"] == [
        {
            "row": 14,
            "field": "date",
            "reason": "2028-01-01 不在 2027 年内 (2028-01-01 is outside 2027)",
        },
        {"row": 15, "field": "date", "reason": "与第 2 行重复 (2027-01-01 repeats row 2)"},
    ]
    assert "nothing was loaded" in reply.json()["detail"]
    assert recorded == [] and app.state.calendar.current.years == (2026,)


async def test_an_admin_imports_a_csv_with_the_notice_named(api, recorded):
    reply = await api.post(
        YEAR_2027 + "/import",
        params={"notice": "国办发明电〔2026〕号"},
        files={"file": ("2027.csv", csv_2027(), "text/csv")},
        headers=bearer("admin_user"),
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["notice"] == "国办发明电〔2026〕号"
    assert reply.json()["makeup_workdays"] == [{"date": "2027-02-20", "name": "春节调休"}]
    assert len(recorded) == 1


async def test_a_file_that_is_no_notice_is_refused_saying_what_is_accepted(api, recorded):
    reply = await api.post(
        YEAR_2027 + "/import",
        files={"file": ("2027.xlsx", b"PK", "application/octet-stream")},
        headers=bearer("admin_user"),
    )
    assert reply.status_code == 422
    assert "accepted: .csv with columns date,kind,name, or .json" in reply.json()["detail"]
    empty = await api.put(YEAR_2027, json={"days": []}, headers=bearer("admin_user"))
    assert (empty.status_code, recorded) == (422, [])
    assert "no dates" in empty.json()["detail"]
