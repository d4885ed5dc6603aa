"""Who sees which leadership metrics, through the gateway with real tokens, and bad queries."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime

import httpx
import pytest

from contracts.topics import ENFORCEMENT_CASES
from tests.support.kafka import publish_many
from tests.support.timelines import envelope_of, generate_timelines
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e


async def groups(gateway: httpx.AsyncClient, user: str, group_by: str, **filters) -> list[str]:
    reply = await gateway.get(
        "/api/oversight/metrics", params={"group_by": group_by, **filters}, headers=bearer(user)
    )
    assert reply.status_code == 200, (user, reply.text)
    return [row["group"] for row in reply.json()["data"]]


@pytest.fixture(scope="module")
async def cases_in_both_districts(platform, run_id) -> None:
    """Cases in 东塘, 圭塘 (雨花区) and 定王台 (芙蓉区), as enforcement would publish them."""
    timelines = generate_timelines(
        seed=7, cases=40, start=datetime(2026, 11, 2, tzinfo=UTC), weeks=2, prefix=f"acc-{run_id}"
    )
    rng = random.Random(7)
    messages = [(t.case_id, envelope_of(m, rng)) for t in timelines for m in t.events]
    topic = platform.topic_prefix + ENFORCEMENT_CASES.name
    await asyncio.to_thread(publish_many, topic, messages)
    async with httpx.AsyncClient(base_url=platform.gateway_url, timeout=30) as gateway:

        async def city_sees_every_township():
            townships = await groups(gateway, "leader_city", "township")
            return {"dongtang", "guitang", "dingwangtai"} <= set(townships)

        await eventually(city_sees_every_township, timeout=60, what="oversight to fold the cases")


async def test_each_role_sees_its_own_scope(gateway, cases_in_both_districts):
    assert await groups(gateway, "township_dongtang", "township") == ["dongtang"]
    assert await groups(gateway, "township_guitang", "township") == ["guitang"]
    assert set(await groups(gateway, "district_yuhua", "township")) == {"dongtang", "guitang"}
    assert await groups(gateway, "district_yuhua", "township", district="furong") == []
    assert await groups(gateway, "edu_lead", "department") == ["education"]
    assert "dingwangtai" not in await groups(gateway, "edu_lead", "township")
    assert {"dongtang", "guitang", "dingwangtai"} <= set(
        await groups(gateway, "admin_user", "township")
    )


async def test_the_township_row_is_the_citys_row_for_that_township(
    gateway, cases_in_both_districts
):
    async def same_figures():
        city = await gateway.get(
            "/api/oversight/metrics", params={"group_by": "township"}, headers=bearer("leader_city")
        )
        own = await gateway.get(
            "/api/oversight/metrics",
            params={"group_by": "township"},
            headers=bearer("township_guitang"),
        )
        city_row = next(r for r in city.json()["data"] if r["group"] == "guitang")
        return own.json()["data"] == [city_row] and own.json()["scope"]["township"] == "guitang"

    await eventually(same_figures, what="guitang's own figures to match the city's guitang row")


@pytest.mark.parametrize("user", ["grid_dongtang", "edu_officer", "inspector_yuhua"])
async def test_others_are_forbidden_at_the_gateway_and_at_the_service(platform, gateway, user):
    through_gateway = await gateway.get(
        "/api/oversight/metrics?group_by=week", headers=bearer(user)
    )
    async with httpx.AsyncClient(base_url=platform.oversight_url, timeout=30) as service:
        direct = await service.get("/metrics?group_by=week", headers=bearer(user))
    assert (through_gateway.status_code, direct.status_code) == (403, 403)
    assert "requires one of the roles" in direct.json()["detail"]


@pytest.mark.parametrize(
    ("params", "field", "says"),
    [
        ({"group_by": "district"}, "group_by", "'department', 'township' or 'week'"),
        ({}, "group_by", "Field required"),
        ({"group_by": "week", "from_week": "2026-W60"}, "from_week", "expected YYYY-Www"),
        (
            {"group_by": "week", "from_week": "2026-W48", "to_week": "2026-W47"},
            "to_week",
            "expected from_week <= to_week",
        ),
    ],
)
async def test_bad_queries_name_the_parameter_and_what_is_accepted(gateway, params, field, says):
    reply = await gateway.get(
        "/api/oversight/metrics", params=params, headers=bearer("leader_city")
    )
    assert reply.status_code == 422, reply.text
    [problem] = reply.json()["detail"]
    assert (problem["loc"], says in problem["msg"]) == (["query", field], True), problem
