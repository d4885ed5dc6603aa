"""Hostile uploads of issue 14 against the running institutions service: each is refused with
its reason (the dimension bomb is read for the one row it has) while `/health` keeps answering.

While each file is uploaded, `/health` is asked every 20 ms; every answer must come back
(200). The slowest answer and the process's resident memory before and after are printed
(`-s`), never asserted: the platform runs in this test process, so its memory is the test's.
"""

from __future__ import annotations

import asyncio
import resource
import time

import httpx
import pytest

from tests.support.hostile_files import cell_bomb, dimension_bomb, long_csv
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e

HOSTILE = {
    "dimension bomb": ("dimension.xlsx", dimension_bomb, '"imported":0', 200),
    "200,000-row CSV": ("long.csv", lambda: long_csv(200_000), "more than 10000 data rows", 422),
    "100 MB cell": ("cell.xlsx", cell_bomb, "unpacks to", 422),
    "bare carriage returns": ("mac.csv", lambda: b"name,credit_code\r\xe6\x9c\xba\r", "row", 422),
}


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


async def loop_lag_while(upload: asyncio.Task) -> float:
    """The longest the event loop (every service's, in this process) was late by 10 ms naps."""
    worst = 0.0
    while not upload.done():
        started = time.perf_counter()
        await asyncio.sleep(0.01)
        worst = max(worst, time.perf_counter() - started - 0.01)
    return worst


async def health_while(upload: asyncio.Task, client: httpx.AsyncClient) -> list[float]:
    """Seconds each `/health` took while `upload` ran (each must answer 200)."""
    took = []
    while not upload.done():
        started = time.perf_counter()
        reply = await client.get("/health", timeout=30)
        took.append(time.perf_counter() - started)
        assert reply.status_code == 200, reply.text
        await asyncio.sleep(0.02)
    return took


@pytest.mark.parametrize("name", HOSTILE)
async def test_a_hostile_upload_is_refused_while_health_answers(platform, name):
    filename, build, says, status = HOSTILE[name]
    content = build()
    headers = bearer("district_yuhua")
    before = resident_mb()
    async with httpx.AsyncClient(base_url=platform.institutions_url, timeout=120) as client:
        nap = asyncio.create_task(asyncio.sleep(2))
        idle, idle_lag = await asyncio.gather(health_while(nap, client), loop_lag_while(nap))
        upload = asyncio.create_task(
            client.post(
                "/institutions/import",
                files={"file": (filename, content, "application/octet-stream")},
                headers=headers,
            )
        )
        took, lag = await asyncio.gather(health_while(upload, client), loop_lag_while(upload))
        reply = await upload
    after = resident_mb()
    assert reply.status_code == status, reply.text[:500]
    assert says in reply.text and len(reply.content) < 50_000
    print(
        f"\n{name} ({len(content) / 1024:.0f} KB): {reply.status_code} in the meantime "
        f"{len(took)} /health answers, slowest {max(took, default=0) * 1000:.0f} ms "
        f"(idle before: {max(idle) * 1000:.0f} ms), event loop late by at most "
        f"{lag * 1000:.0f} ms (idle before: {idle_lag * 1000:.0f} ms); "
        f"resident memory {before:.0f} → {after:.0f} MB"
    )
