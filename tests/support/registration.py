"""Registering an institution through the gateway, as the district office would."""

from __future__ import annotations

import httpx

from tests.support.registry import csv_file
from tests.support.tokens import bearer


async def import_one(gateway: httpx.AsyncClient, row: dict[str, str]) -> dict:
    """Import one registry row as `district_yuhua`; the institution as the registry lists it."""
    files = {"file": ("one.csv", csv_file([row]), "text/csv")}
    reply = await gateway.post(
        "/api/institutions/institutions/import", files=files, headers=bearer("district_yuhua")
    )
    assert reply.status_code == 200, reply.text
    found = await gateway.get(
        "/api/institutions/institutions",
        params={"q": row["credit_code"]},
        headers=bearer("district_yuhua"),
    )
    (institution,) = found.json()["data"]
    return institution
