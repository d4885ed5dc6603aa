"""What the platform holds, read and written through its API beside what the browser does."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx

from tests.support.registry import subject_row
from tests.support.tokens import bearer
from tests.support.waiting import eventually


async def registered(gateway: httpx.AsyncClient, name: str, **changes: str) -> dict:
    """A subject institution in grid dongtang-01, registered by the district."""
    row = subject_row(random.Random(name), name=name, **({"grid": "dongtang-01"} | changes))
    reply = await gateway.post(
        "/api/institutions/institutions",
        json={k: v for k, v in row.items() if v != ""},
        headers=bearer("district_yuhua"),
    )
    assert reply.status_code == 201, reply.text
    return reply.json()


async def incident_described(gateway: httpx.AsyncClient, description: str) -> list[dict]:
    reply = await gateway.get(
        "/api/patrol/incidents", params={"limit": 200}, headers=bearer("grid_dongtang")
    )
    return [i for i in reply.json()["data"] if i["description"] == description]


async def listed_for_inspector(gateway: httpx.AsyncClient, credit_code: str) -> dict:
    """The district lists inspector_yuhua for a registered institution (挂牌督学); its unit."""
    office = bearer("district_yuhua")

    async def unit() -> list[dict]:
        reply = await gateway.get(
            "/api/inspections/units", params={"q": credit_code}, headers=office
        )
        return reply.json()["data"]

    (found,) = await eventually(unit, what=f"unit {credit_code} in inspections")
    listing = f"inspector,unit_type,code\ninspector_yuhua,institution,{credit_code}\n"
    reply = await gateway.post(
        "/api/inspections/assignments/import",
        files={"file": ("listing.csv", listing.encode(), "text/csv")},
        headers=office,
    )
    assert reply.status_code == 200 and reply.json()["assigned"] == 1, reply.text
    return found


async def planned(gateway: httpx.AsyncClient, title: str) -> dict:
    """A 专项督 plan of Yuhua's district office running from today for a month."""
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    reply = await gateway.post(
        "/api/inspections/plans",
        json={
            "kind": "special",
            "title": title,
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=30)).isoformat(),
            "focus": "寒假",
        },
        headers=bearer("district_yuhua"),
    )
    assert reply.status_code == 201, reply.text
    return reply.json()
