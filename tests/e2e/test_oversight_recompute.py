"""Done when: the metrics oversight serves, built from real Kafka with duplicated deliveries,
equal a recompute straight from the generated timelines (pure fold + aggregate, no database)."""

from __future__ import annotations

import asyncio
import random
import time
from datetime import UTC, datetime
from functools import reduce

import httpx
import pytest

from contracts.events import (
    CaseReopened,
    DepartmentTaskDispatched,
    DisputeRuled,
    TaskEscalated,
    TaskSentBack,
)
from contracts.topics import ENFORCEMENT_CASES
from contracts.vocabulary import Clock, DisputeRuling, ReopenCause
from govkit.topics import ensure_topics
from oversight.app import create_app as create_oversight
from oversight.domain.facts import CaseFacts, EndState, Facts, Rating, TaskFacts, evolve
from oversight.domain.metrics import GroupBy, aggregate, overall
from oversight.settings import OversightSettings
from tests.support.kafka import consumed_to_end, publish_many
from tests.support.platform import common, serve
from tests.support.stack import KAFKA, free_port
from tests.support.timelines import Timeline, envelope_of, generate_timelines
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e
SEED = 20261122
CASES = 320
START = datetime(2026, 10, 5, tzinfo=UTC)  # six weeks from Monday of 2026-W41


@pytest.fixture(scope="module")
async def oversight(run_id, stack_up, tmp_path_factory):
    """An oversight of its own on topics of its own: no other test's cases reach it."""
    prefix = f"test-{run_id}-recompute."
    ensure_topics(KAFKA, prefix=prefix)
    settings = OversightSettings(
        **common(run_id, prefix),
        database_url=f"sqlite:///{tmp_path_factory.mktemp('recompute')}/oversight.db",
        consumer_group=f"oversight-recompute-{run_id}",
    )
    async with serve(create_oversight(settings), free_port()) as url:
        yield settings, url


def recompute(timelines: list[Timeline]) -> tuple[list[TaskFacts], dict[str, CaseFacts]]:
    tasks, cases = [], {}
    for timeline in timelines:
        facts = reduce(evolve, timeline.events, Facts())
        tasks.extend(facts.tasks.values())
        cases[timeline.case_id] = facts.case
    return tasks, cases


def deliveries(timelines: list[Timeline], rng: random.Random):
    """Every event once, in case order; 5% again at once and 5% again after everything."""
    first, again_later, duplicated = [], [], 0
    for timeline in timelines:
        for message in timeline.events:
            delivery = (timeline.case_id, envelope_of(message, rng))
            first.append(delivery)
            roll = rng.random()
            if roll < 0.05:
                first.append(delivery)
            elif roll < 0.10:
                again_later.append(delivery)
            duplicated += roll < 0.10
    return first + again_later, duplicated


def test_the_timelines_exercise_every_rule():
    """Guard against a recompute that agrees because nothing interesting happened."""
    timelines = generate_timelines(seed=SEED, cases=CASES, start=START, weeks=6, prefix="c")
    events = [e for t in timelines for e in t.events]
    tasks, cases = recompute(timelines)
    assert len(tasks) == sum(isinstance(e, DepartmentTaskDispatched) for e in events) >= 300
    assert {t.township for t in tasks} == {"dongtang", "guitang", "dingwangtai"}
    assert len({t.week for t in tasks}) >= 6 and len({t.department for t in tasks}) >= 5
    assert {t.end_state for t in tasks} == set(EndState)
    assert any(t.acknowledged_on_time is False for t in tasks)
    assert any(t.acknowledged_at == t.acknowledge_by for t in tasks)
    assert any(t.fed_back_on_time is False for t in tasks)
    assert max(t.rework_count for t in tasks) == 3  # twice sent back, then re-opened
    assert max(t.max_escalation_level for t in tasks) == 3
    assert any(isinstance(e, TaskEscalated) and e.clock == Clock.RULING for e in events)
    assert any(isinstance(e, DisputeRuled) and e.ruling == DisputeRuling.INSIST for e in events)
    assert any(isinstance(e, TaskSentBack) for e in events)
    closed = sum(c.closed_at is not None for c in cases.values())
    assert 0 < closed < len(cases)
    after_closure = {(c.solved, c.rating) for c in cases.values() if c.closed_at is not None}
    assert after_closure >= {(True, rating) for rating in Rating} | {(True, None), (False, None)}
    assert {e.cause for e in events if isinstance(e, CaseReopened)} == set(ReopenCause)
    reopened = {e.case_id for e in events if isinstance(e, CaseReopened)}
    assert any(cases[c].closed_at is None for c in reopened)  # still being handled again


async def test_served_metrics_equal_the_recompute_from_the_timelines(oversight):
    settings, url = oversight
    timelines = generate_timelines(
        seed=SEED, cases=CASES, start=START, weeks=6, prefix=f"case-{settings.consumer_group}"
    )
    messages, duplicated = deliveries(timelines, random.Random(SEED))
    topic = settings.topic_prefix + ENFORCEMENT_CASES.name

    started = time.monotonic()
    await asyncio.to_thread(publish_many, topic, messages)
    await eventually(
        lambda: asyncio.to_thread(consumed_to_end, settings.consumer_group, topic),
        timeout=300,
        interval=1,
        what=f"oversight to consume {len(messages)} deliveries",
    )
    elapsed = time.monotonic() - started
    print(
        f"\noversight folded {len(messages)} deliveries ({duplicated} duplicated) of "
        f"{len(timelines)} cases in {elapsed:.1f}s ({len(messages) / elapsed:.0f}/s)"
    )

    tasks, cases = recompute(timelines)
    yuhua_middle = [
        t for t in tasks if t.district == "yuhua" and "2026-W42" <= t.week <= "2026-W44"
    ]
    async with httpx.AsyncClient(base_url=url, headers=bearer("leader_city"), timeout=30) as client:
        for group_by in GroupBy:
            reply = await client.get("/metrics", params={"group_by": group_by.value})
            assert reply.status_code == 200, reply.text
            expected = [m.model_dump(mode="json") for m in aggregate(tasks, cases, group_by)]
            assert reply.json()["data"] == expected, group_by
            # The cockpit's cards: the same figures over every task together.
            assert reply.json()["total"] == overall(tasks, cases).model_dump(mode="json")
        filtered = await client.get(
            "/metrics",
            params={
                "group_by": "department",
                "district": "yuhua",
                "from_week": "2026-W42",
                "to_week": "2026-W44",
            },
        )
    expected = aggregate(yuhua_middle, cases, GroupBy.DEPARTMENT)
    assert filtered.json()["data"] == [m.model_dump(mode="json") for m in expected]
