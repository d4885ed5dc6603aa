"""One caller's stream: open at once, events as they come, a heartbeat when idle, and the end
when the token expires or the caller falls too far behind."""

from __future__ import annotations

import time

import pytest

from gateway.live import BACKLOG, CaseIndex, LiveFeed, event_stream
from gateway.settings import GatewaySettings
from govkit.principal import Principal

pytestmark = pytest.mark.unit

LEADER = Principal("leader_city", "leader_city", frozenset({"leader"}))
CLOSED = "gov.enforcement.CaseClosed.v1"


def closed(case_id: str):
    return CaseIndex().fold(CLOSED, "2026-11-24T01:00:00Z", {"case_id": case_id})


async def test_events_heartbeats_and_the_end_with_the_token():
    feed = LiveFeed(GatewaySettings(otel_exporter="none"))
    queue = feed.listen(LEADER)
    feed.publish(closed("c1"))
    lines = [line async for line in event_stream(feed, queue, 0.05, time.time() + 0.2)]
    assert lines[0] == ": connected\n\n"
    assert lines[1].startswith(f"event: {CLOSED}\ndata: ") and '"case_id": "c1"' in lines[1]
    assert ": heartbeat\n\n" in lines[2:-1]
    assert lines[-1] == ": token expired; reconnect with a fresh token\n\n"
    feed.publish(closed("c2"))
    assert queue.empty()  # the ended stream left the feed


async def test_a_caller_too_far_behind_is_cut_off_not_silently_skipped():
    feed = LiveFeed(GatewaySettings(otel_exporter="none"))
    queue = feed.listen(LEADER)
    for n in range(BACKLOG + 1):
        feed.publish(closed(f"c{n}"))
    lines = [line async for line in event_stream(feed, queue, 1, time.time() + 60)]
    assert len(lines) == 1 + BACKLOG - 1 + 1  # connected, the backlog but one, the notice
    assert lines[-1] == ": too far behind; reconnect and re-fetch\n\n"
