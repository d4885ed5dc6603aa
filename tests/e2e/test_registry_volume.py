"""A city-sized import: 5,000 generated rows in one .xlsx through the gateway, all searchable.

The time is printed for the record (`-s` shows it), never asserted: benchmarks/import_xlsx.py
measures it against the running stack.
"""

from __future__ import annotations

import random
import time

import pytest

from tests.support.registry import generated_rows, xlsx_file
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
ROWS = 5000


async def test_five_thousand_rows_import_through_the_api_and_are_searchable(gateway, run_id):
    prefix = f"批量{run_id}"
    content = xlsx_file(generated_rows(ROWS, random.Random(f"volume-{run_id}"), prefix))
    started = time.perf_counter()
    reply = await gateway.post(
        "/api/institutions/institutions/import",
        files={"file": ("registry.xlsx", content, "application/octet-stream")},
        headers=bearer("admin_user"),
        timeout=120,
    )
    elapsed = time.perf_counter() - started
    assert reply.status_code == 200, reply.text[:2000]
    assert reply.json() == {"imported": ROWS, "rejected_rows": 0, "error_count": 0, "errors": []}
    print(f"\n5,000-row .xlsx ({len(content) / 1e6:.2f} MB) imported in {elapsed:.2f} s")

    listing = await gateway.get(
        "/api/institutions/institutions",
        params={"q": prefix, "limit": 200, "offset": 4900},
        headers=bearer("admin_user"),
    )
    assert listing.json()["count"] == ROWS
    assert [r["name"] for r in listing.json()["data"]][-1] == f"{prefix}培训机构04999"
    grid = await gateway.get(
        "/api/institutions/institutions",
        params={"q": prefix, "limit": 1},
        headers=bearer("grid_guitang"),
    )
    assert grid.json()["count"] == len(range(2, ROWS, 3))  # every third row is in guitang-01
