"""Two replicas of enforcement and two workflow workers on one PostgreSQL database, under a
steady stream of reports; one of each is killed (SIGKILL) mid-run. Every incident still ends
with exactly the tasks its routing calls, none twice, in the database and on the topic.

The migration runs once, as its own step, before the replicas start (as the Kubernetes Job
does); the replicas only check that their database is at head.
"""

from __future__ import annotations

import uuid

import pytest

from govkit.topics import ensure_topics
from tests.scale.processes import postgres_database, start_replica, wait_healthy
from tests.scale.whistles import (
    assert_each_routed_task_once,
    migrated_env,
    report_steadily,
    stopped_after,
    tasks_when_all_there,
    until_settled,
)
from tests.support.stack import KAFKA
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

INCIDENTS = 40  # 10 s of reports; the kills come halfway


async def test_killing_a_replica_of_each_loses_no_task_and_doubles_none(stack_up, tmp_path):
    run = uuid.uuid4().hex[:8]
    prefix = f"test-replicas-{run}."
    ensure_topics(KAFKA, prefix=prefix)
    with postgres_database() as database_url:
        env = migrated_env(prefix, run, database_url)
        replicas = [
            start_replica(module, env, tmp_path, n)
            for module in ("enforcement", "workflows")
            for n in (1, 2)
        ]
        async with stopped_after(replicas, env):
            wait_healthy(replicas)
            expected = await _report_killing_halfway(prefix, victims=[replicas[0], replicas[2]])
            await eventually(
                lambda: tasks_when_all_there(database_url, expected),
                timeout=120,
                interval=1,
                what="every routed task in enforcement's database",
            )
            await until_settled(env, expected)
            tasks = await tasks_when_all_there(database_url, expected)

    assert_each_routed_task_once(prefix, tasks, expected)


async def _report_killing_halfway(prefix: str, victims) -> dict[str, set[str]]:
    """Publish the reports at a steady rate, as patrol's relay would; SIGKILL the victims
    halfway. The departments each incident's routing calls, by incident id."""
    expected = await report_steadily(prefix, INCIDENTS // 2)
    for replica in victims:
        replica.kill()
    return expected | await report_steadily(prefix, INCIDENTS - INCIDENTS // 2)
