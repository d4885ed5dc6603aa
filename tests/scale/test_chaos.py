"""Chaos on the real stack, each part a real process on PostgreSQL under its own topic prefix:
enforcement SIGKILLed between committing its tasks and publishing their events, and the workflow
worker SIGKILLed mid-load while 报到 deadlines run. No incident loses a task, none gets one twice,
and each missed deadline is escalated exactly once per rung of its ladder.

(A poison message on each topic: tests/e2e/test_dead_letters.py; the broker restarted
mid-load: tests/scale/test_chaos_broker.py.)
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid

import httpx
import pytest

from contracts.events import DepartmentTaskDispatched, TaskEscalated
from govkit.topics import ensure_topics
from tests.scale.processes import Replica, postgres_database, start_replica, wait_healthy
from tests.scale.whistles import (
    assert_each_routed_task_once,
    events_on_topic,
    migrated_env,
    report_steadily,
    rows,
    stopped_after,
    tasks_when_all_there,
    until_settled,
)
from tests.support.platform import short_clocks
from tests.support.stack import KAFKA
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

INCIDENTS = 24
ACKNOWLEDGE_WITHIN_SECONDS = 50  # room for the killed worker's successor to start (14-25 s)
LADDER_STEP_SECONDS = 10  # department lead, district office, city leadership: 20 s in all
RUNGS = 3
SCHOOLS = ("unlicensed_school",)  # education and market supervision
NOTICES_PER_AUDIENCE = """
    SELECT event_id, count(*) FROM notifications WHERE kind = 'TaskEscalated'
    GROUP BY event_id, role, department, district, township, grid, username
"""


async def test_enforcement_killed_between_commit_and_publish_loses_no_task_and_doubles_none(
    stack_up, tmp_path
):
    run = uuid.uuid4().hex[:8]
    prefix = f"test-chaos-outbox-{run}."
    ensure_topics(KAFKA, prefix=prefix)
    with postgres_database() as database_url:
        env = migrated_env(prefix, run, database_url)
        silent = start_replica(
            "enforcement", env, tmp_path, 1, "tests.scale.enforcement_without_relay"
        )
        replicas = [start_replica("workflows", env, tmp_path, 1), silent]
        async with stopped_after(replicas, env):
            wait_healthy(replicas)
            expected = await report_steadily(prefix, INCIDENTS)
            await eventually(
                lambda: tasks_when_all_there(database_url, expected),
                timeout=120,
                interval=1,
                what="every routed task committed",
            )
            unpublished = await _unpublished(database_url)
            silent.kill()  # every task committed, none of its events published
            killed_at = time.monotonic()
            assert events_on_topic(prefix, DepartmentTaskDispatched.EVENT_TYPE, "task_id") == {}
            replicas.append(start_replica("enforcement", env, tmp_path, 2))
            await eventually(
                lambda: _all_published(database_url),
                timeout=60,
                interval=0.5,
                what="the outbox published by the fresh process",
            )
            recovered = time.monotonic() - killed_at
            await until_settled(env, expected)
            tasks = await tasks_when_all_there(database_url, expected)

    assert_each_routed_task_once(prefix, tasks, expected)
    print(
        f"\nkilled between commit and publish: {len(expected)} incidents, "
        f"{len(tasks or [])} tasks, "
        f"{unpublished} events left in the outbox, all published "
        f"{recovered:.1f} s after the kill (fresh process start included); none doubled"
    )


async def test_worker_killed_mid_load_escalates_each_missed_deadline_once_per_rung(
    stack_up, tmp_path
):
    """Unlicensed schools call education and market supervision; education reports for duty,
    market supervision never does. Its every task climbs the whole ladder, once per rung."""
    run = uuid.uuid4().hex[:8]
    prefix = f"test-chaos-worker-{run}."
    ensure_topics(KAFKA, prefix=prefix)
    clocks = json.loads(short_clocks(ACKNOWLEDGE_WITHIN_SECONDS))
    clocks["acknowledge"]["ladder_step"] = f"{LADDER_STEP_SECONDS}s"
    clock_file = tmp_path / "clocks.json"
    clock_file.write_text(json.dumps(clocks))
    with postgres_database() as database_url:
        env = migrated_env(prefix, run, database_url, WORKFLOWS_CLOCK_POLICY_PATH=str(clock_file))
        enforcement = start_replica("enforcement", env, tmp_path, 1)
        worker = start_replica("workflows", env, tmp_path, 1)
        replicas = [enforcement, worker]
        async with stopped_after(replicas, env):
            wait_healthy(replicas)
            expected, recovered = await _report_killing_worker_halfway(
                prefix, env, tmp_path, worker, replicas
            )
            acknowledged = await _acknowledge_education(database_url, enforcement, len(expected))
            market = {f"{case}:market_supervision" for case in expected}
            await eventually(
                lambda: _escalations_when(prefix, len(market) * RUNGS),
                timeout=ACKNOWLEDGE_WITHIN_SECONDS + RUNGS * LADDER_STEP_SECONDS + 60,
                interval=2,
                what="every rung of every missed deadline escalated",
            )
            await until_settled(env, expected)
            escalations = _escalations(prefix)
            levels = dict(
                await rows(database_url, "SELECT task_id, escalation_level FROM department_tasks")
            )
            notices = await rows(database_url, NOTICES_PER_AUDIENCE)

    assert escalations.keys() == {(task, level) for task in market for level in range(1, RUNGS + 1)}
    assert all(len(event_ids) == 1 for event_ids in escalations.values())
    assert levels == {task: RUNGS for task in market} | {task: 0 for task in acknowledged}
    # each escalation told to its audiences, each once
    assert {event_id for event_id, _ in notices} == set().union(*escalations.values())
    assert all(count == 1 for _, count in notices)
    print(
        f"\nworker killed mid-load: {len(expected)} incidents, {len(acknowledged)} tasks "
        f"acknowledged, {len(escalations)} escalations for {len(market)} unacknowledged tasks "
        f"({RUNGS} rungs each, {len(notices)} notices), none missed or doubled; "
        f"successor healthy {recovered:.1f} s "
        "after the kill"
    )


async def _report_killing_worker_halfway(
    prefix: str, env: dict[str, str], logs, worker: Replica, replicas: list[Replica]
) -> tuple[dict[str, set[str]], float]:
    """Report unlicensed schools at a steady rate; SIGKILL the worker halfway and start its
    successor at once. The incidents, and how long the successor took to be healthy."""
    expected = await report_steadily(prefix, INCIDENTS // 2, SCHOOLS)
    worker.kill()
    killed_at = time.monotonic()
    successor = start_replica("workflows", env, logs, 2)
    replicas.append(successor)
    expected |= await report_steadily(prefix, INCIDENTS - INCIDENTS // 2, SCHOOLS)
    await asyncio.to_thread(wait_healthy, [successor])
    return expected, time.monotonic() - killed_at


async def _acknowledge_education(
    database_url: str, enforcement: Replica, incidents: int
) -> set[str]:
    """Report for duty (报到) on every education task as it is dispatched, as edu_officer."""
    headers = bearer("edu_officer")
    query = "SELECT task_id FROM department_tasks WHERE department = 'education'"
    acknowledged: set[str] = set()
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{enforcement.port}") as client:

        async def all_acknowledged() -> bool:
            for (task_id,) in await rows(database_url, query):
                if task_id not in acknowledged:
                    reply = await client.post(f"/tasks/{task_id}/acknowledge", headers=headers)
                    assert reply.status_code == 200, reply.text
                    acknowledged.add(task_id)
            return len(acknowledged) == incidents

        await eventually(
            all_acknowledged,
            timeout=ACKNOWLEDGE_WITHIN_SECONDS / 2,
            interval=1,
            what="education's tasks acknowledged",
        )
    return acknowledged


def _escalations(prefix: str) -> dict[tuple, set[str]]:
    return events_on_topic(prefix, TaskEscalated.EVENT_TYPE, "task_id", "level")


async def _escalations_when(prefix: str, count: int) -> dict[tuple, set[str]] | None:
    escalations = await asyncio.to_thread(_escalations, prefix)
    return escalations if len(escalations) >= count else None


async def _unpublished(database_url: str) -> int:
    query = "SELECT count(*) FROM outbox WHERE published_at IS NULL"
    [(count,)] = await rows(database_url, query)
    return count


async def _all_published(database_url: str) -> bool:
    return await _unpublished(database_url) == 0
