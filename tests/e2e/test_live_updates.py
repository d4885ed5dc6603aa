"""Live updates: a task dispatched to a department reaches its open console within 2 s, and so
does a status change on the township board; nobody's stream carries what they may not see."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime

import httpx
import pytest

from tests.support.casework import act
from tests.support.reports import unlicensed_school_report
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e

DISPATCHED = "gov.enforcement.DepartmentTaskDispatched.v1"
ACKNOWLEDGED = "gov.enforcement.TaskAcknowledged.v1"
# Routed to education alone (routing.json): never the fire department's.
EDUCATION_ONLY = "out_of_hours_training"


@dataclass
class Stream:
    """What one console received on /live: each message with when it arrived."""

    user: str
    received: list[tuple[str, dict, float]] = field(default_factory=list)
    connected: asyncio.Event = field(default_factory=asyncio.Event)

    def about(self, case_id: str, event_type: str | None = None) -> list[tuple[str, dict, float]]:
        return [
            message
            for message in self.received
            if message[1]["case_id"] == case_id and event_type in (None, message[0])
        ]


async def read(client: httpx.AsyncClient, stream: Stream) -> None:
    async with client.stream("GET", "/live", headers=bearer(stream.user)) as reply:
        assert reply.status_code == 200, await reply.aread()
        assert reply.headers["content-type"].startswith("text/event-stream")
        event = None
        async for line in reply.aiter_lines():
            if line.startswith(": connected"):
                stream.connected.set()
            elif line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: "):
                data = json.loads(line.removeprefix("data: "))
                stream.received.append((event, data, time.time()))


@contextlib.asynccontextmanager
async def consoles(gateway_url: str, *users: str) -> AsyncIterator[dict[str, Stream]]:
    streams = {user: Stream(user) for user in users}
    async with httpx.AsyncClient(base_url=gateway_url, timeout=None) as client:
        readers = [asyncio.create_task(read(client, stream)) for stream in streams.values()]
        try:
            for stream in streams.values():
                await asyncio.wait_for(stream.connected.wait(), 10)
            yield streams
        finally:
            for reader in readers:
                reader.cancel()
            await asyncio.gather(*readers, return_exceptions=True)


def latency(message: tuple[str, dict, float]) -> float:
    """Seconds from the event happening to the console receiving it."""
    _, data, arrived = message
    return arrived - datetime.fromisoformat(data["occurred_at"]).timestamp()


async def test_a_dispatch_and_a_status_change_reach_only_those_who_may_see_them(platform, gateway):
    users = ("edu_officer", "fire_officer", "township_dongtang", "township_guitang")
    async with consoles(platform.gateway_url, *users, "grid_dongtang") as streams:
        reply = await gateway.post(
            "/api/patrol/incidents",
            json=unlicensed_school_report(incident_type=EDUCATION_ONLY),
            headers=bearer("grid_dongtang"),
        )
        assert reply.status_code == 201, reply.text
        case_id = reply.json()["incident_id"]

        education, township = streams["edu_officer"], streams["township_dongtang"]
        dispatched = await eventually(
            lambda: _first(education.about(case_id, DISPATCHED)), what="the education task live"
        )
        assert dispatched[1]["task_id"] == f"{case_id}:education"
        assert dispatched[1]["department"] == "education"
        assert latency(dispatched) < 2, dispatched

        await act(gateway, f"/api/enforcement/tasks/{case_id}:education/acknowledge", "edu_officer")
        acknowledged = await eventually(
            lambda: _first(township.about(case_id, ACKNOWLEDGED)), what="报到 on the board"
        )
        assert latency(acknowledged) < 2, acknowledged

        reporter = streams["grid_dongtang"]
        assert reporter.about(case_id, "gov.patrol.IncidentReported.v1")
        assert reporter.about(case_id, ACKNOWLEDGED)
        await asyncio.sleep(1)  # anything misrouted would have arrived with the others
        assert streams["fire_officer"].about(case_id) == []
        assert streams["township_guitang"].about(case_id) == []
        assert education.about(case_id, "gov.patrol.IncidentReported.v1") == []


async def test_live_needs_the_bearer_header(gateway):
    assert (await gateway.get("/live")).status_code == 401
    token = bearer("edu_officer")["Authorization"].removeprefix("Bearer ")
    assert (await gateway.get("/live", params={"access_token": token})).status_code == 401


async def _first(messages: list) -> object:
    return messages[0] if messages else None
