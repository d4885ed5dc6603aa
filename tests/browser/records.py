"""What the platform holds, read and written through its API beside what the browser does."""

from __future__ import annotations

import random

import httpx

from tests.support.registry import subject_row
from tests.support.tokens import bearer


async def registered(gateway: httpx.AsyncClient, name: str, **changes: str) -> dict:
    """A subject institution in grid dongtang-01, registered by the district."""
    row = subject_row(random.Random(name), name=name, grid="dongtang-01", **changes)
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
