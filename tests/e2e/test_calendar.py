"""The working calendar through the gateway with real tokens: everyone logged in reads it, only
an administrator loads a year, a bad import is refused row by row, and a loaded year reaches the
services that follow the calendar topic (oversight's metrics, the health page)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from govkit.calendar import load_calendar
from govkit.calendar_feed import CalendarFeed, holiday_year
from tests.support.calendar import csv_2027, loaded_2027, rows_2027
from tests.support.stack import KAFKA
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e

YEARS = "/api/workflows/calendar/years"
SHIPPED = load_calendar()


def csv_upload(content: bytes) -> dict:
    return {"file": ("2027.csv", content, "text/csv")}


async def test_only_an_admin_loads_a_year_and_the_services_follow(gateway, platform):
    now = datetime.now(UTC)
    for reader in ("grid_dongtang", "inspector_yuhua", "edu_officer"):
        read = await gateway.get(YEARS, headers=bearer(reader))
        assert read.status_code == 200, (reader, read.text)
        assert read.json()["coverage"] == SHIPPED.coverage(now)
    health = (await gateway.get("/health")).json()
    assert health["components"]["workflows"]["calendar"] == SHIPPED.coverage(now)

    assert (await gateway.put(f"{YEARS}/2027", json={"days": rows_2027()})).status_code == 401
    for user in ("edu_officer", "leader_city", "district_yuhua"):
        refused = await gateway.post(
            f"{YEARS}/2027/import", files=csv_upload(csv_2027()), headers=bearer(user)
        )
        assert refused.status_code == 403, (user, refused.text)

    bad = rows_2027() + [{"date": "2027-01-01", "kind": "workday", "name": "元旦调休"}]
    rejected = await gateway.post(
        f"{YEARS}/2027/import", files=csv_upload(csv_2027(bad)), headers=bearer("admin_user")
    )
    assert rejected.status_code == 422
    assert [(e["row"], e["field"]) for e in rejected.json()["errors"]] == [(14, "kind")]

    loaded = await gateway.post(
        f"{YEARS}/2027/import", files=csv_upload(csv_2027()), headers=bearer("admin_user")
    )
    assert loaded.status_code == 200, loaded.text
    assert loaded.json()["loaded_by"] == "admin_user"
    expected = SHIPPED.with_year(holiday_year(loaded_2027())).coverage(now)

    async def oversight_knows_2027() -> bool:
        metrics = await gateway.get(
            "/api/oversight/metrics?group_by=department", headers=bearer("leader_city")
        )
        return metrics.json()["calendar"] == expected

    await eventually(oversight_knows_2027, what="oversight follows the loaded year")

    async def health_shows_2027() -> bool:  # the gateway looks at each service every 5 s
        health = (await gateway.get("/health")).json()
        return (health["status"], health["components"]["workflows"]["calendar"]) == ("up", expected)

    await eventually(health_shows_2027, what="the gateway's /health showing the loaded year")
    listed = await gateway.get(YEARS, headers=bearer("grid_dongtang"))
    assert [y["year"] for y in listed.json()["years"]] == [2026, 2027]
    # A service (re)started after the load knows 2027 before it serves anything.
    restarted = CalendarFeed()
    async with restarted.following(KAFKA, platform.topic_prefix):
        assert restarted.current.years == (2026, 2027)
