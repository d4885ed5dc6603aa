"""Finding tasks and cases through the gateway with real tokens: the filters narrow each caller's
scope and never widen it, and a case begins with its report (a 4-character Chinese one)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.support.casework import act, read, task_of
from tests.support.reports import unlicensed_school_report
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e
ENFORCEMENT = "/api/enforcement"


@pytest.fixture(scope="module")
async def case(platform) -> dict:
    """An unlicensed school reported in four characters; market supervision reports for duty."""
    async with httpx.AsyncClient(base_url=platform.gateway_url, timeout=30) as gateway:
        report = unlicensed_school_report(description="周末补课")
        incident = await act(gateway, "/api/patrol/incidents", "grid_dongtang", report)
        case_id = incident["incident_id"]
        await task_of(gateway, case_id, "education", "edu_officer")
        market = await task_of(gateway, case_id, "market_supervision", "market_officer")
        await act(gateway, f"{ENFORCEMENT}/tasks/{market['task_id']}/acknowledge", "market_officer")
        return incident


async def found(gateway, path: str, user: str) -> set[str]:
    """The ids of every task or case the user finds at `path`."""
    reply = await gateway.get(f"{ENFORCEMENT}{path}&limit=200", headers=bearer(user))
    assert reply.status_code == 200, (path, user, reply.text)
    return {row.get("task_id") or row["case_id"] for row in reply.json()["data"]}


async def test_tasks_are_found_by_case_department_type_and_day(gateway, case):
    case_id = case["incident_id"]
    education, market = f"{case_id}:education", f"{case_id}:market_supervision"
    assert await found(gateway, f"/tasks?case_id={case_id}", "township_dongtang") == {
        education,
        market,
    }
    assert await found(gateway, f"/tasks?case_id={case_id}", "edu_officer") == {education}
    by_department = f"/tasks?case_id={case_id}&department=market_supervision"
    assert await found(gateway, by_department, "district_yuhua") == {market}
    assert await found(gateway, by_department, "edu_officer") == set()  # not theirs to see
    assert await found(gateway, by_department, "township_guitang") == set()
    of_type = f"/tasks?case_id={case_id}&incident_type=unlicensed_school"
    assert await found(gateway, of_type, "leader_city") == {education, market}
    assert (
        await found(gateway, f"/tasks?case_id={case_id}&incident_type=fire_hazard", "leader_city")
        == set()
    )
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    on_day = f"/tasks?case_id={case_id}&dispatched_from={today}&dispatched_to={today}"
    assert await found(gateway, on_day, "leader_city") == {education, market}
    before = f"/tasks?case_id={case_id}&dispatched_to={today - timedelta(days=1)}"
    assert await found(gateway, before, "leader_city") == set()


async def test_overdue_tasks_are_found_once_the_deadline_passes(gateway, case, platform):
    case_id = case["incident_id"]
    late = f"/tasks?case_id={case_id}&overdue=true"

    async def education_late():
        return await found(gateway, late, "edu_lead") or None

    # Education never reports for duty: overdue once its 报到 deadline has passed.
    timeout = platform.acknowledge_within_seconds + 30
    assert await eventually(education_late, timeout=timeout, what="overdue") == {
        f"{case_id}:education"
    }
    assert await found(gateway, late, "township_dongtang") == {f"{case_id}:education"}
    in_time = f"/tasks?case_id={case_id}&overdue=false"
    assert await found(gateway, in_time, "township_dongtang") == {f"{case_id}:market_supervision"}
    assert await found(gateway, late, "edu_officer_furong") == set()
    assert await found(gateway, late, "fire_officer") == set()


async def test_cases_are_found_by_township_department_type_status_and_day(gateway, case):
    case_id = case["incident_id"]
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    wanted = (
        "/cases?township=dongtang&department=market_supervision&incident_type=unlicensed_school"
        f"&status=open&opened_from={today}&opened_to={today}"
    )
    for user in ("leader_city", "district_yuhua", "township_dongtang", "edu_officer"):
        assert case_id in await found(gateway, wanted, user), user
    for outsider in ("township_guitang", "edu_officer_furong", "fire_officer"):
        assert case_id not in await found(gateway, wanted, outsider), outsider
    assert await found(gateway, "/cases?township=dongtang", "township_guitang") == set()
    assert case_id not in await found(gateway, "/cases?status=closed", "leader_city")
    assert case_id not in await found(gateway, "/cases?department=fire_safety", "leader_city")


async def test_a_bad_filter_is_refused_through_the_gateway_saying_what_is_accepted(gateway):
    reply = await gateway.get(f"{ENFORCEMENT}/tasks?overdue=soon", headers=bearer("leader_city"))
    assert reply.status_code == 422 and reply.json()["detail"][0]["loc"] == ["query", "overdue"]
    reply = await gateway.get(
        f"{ENFORCEMENT}/cases?opened_from=2026-11-23T10:00", headers=bearer("leader_city")
    )
    assert reply.status_code == 422 and "expected YYYY-MM-DD" in reply.text


async def test_the_case_begins_with_its_report(gateway, case):
    case_id = case["incident_id"]

    async def reported():
        record = await read(gateway, f"{ENFORCEMENT}/cases/{case_id}", "edu_officer")
        return record if record and record["reporter"] else None

    record = await eventually(reported, what="the report on the case")
    assert (record["reporter"], record["description"]) == ("grid_dongtang", "周末补课")
    # To the second: on SQLite enforcement's timestamps come back without their zone.
    assert record["reported_at"][:19] == case["reported_at"][:19] <= record["opened_at"][:19]
    assert record["location"] == {"latitude": 28.1135, "longitude": 113.0136}
    assert record["institution_name"] == "启航学堂"
    first = record["timeline"][0]
    assert first["event_type"] == "gov.patrol.IncidentReported.v1"
    assert first["data"]["reporter"] == "grid_dongtang"
