"""The load the scale tests put on enforcement and the workflows, and what came of it: reports
published as patrol's relay would, enforcement's tasks in its database, its events on its topic."""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime

from sqlalchemy import create_engine, text
from temporalio.client import Client

from contracts.envelope import Envelope
from contracts.events import DepartmentTaskDispatched, IncidentReported
from contracts.topics import ENFORCEMENT_CASES, ENFORCEMENT_COMMANDS, PATROL_INCIDENTS
from tests.scale.processes import REPO, Replica, replica_env
from tests.support.kafka import consumed_to_end, publish, read_to_end
from tests.support.platform import terminate_workflows_of
from tests.support.reports import incident_reported
from tests.support.stack import KAFKA, TEMPORAL
from tests.support.waiting import eventually
from workflows.policy import load_routing_table, route

TYPES = ("out_of_hours_training", "unlicensed_school", "overcharging", "institution_collapse")


def migrated_env(prefix: str, run: str, database_url: str, **settings: str) -> dict[str, str]:
    """Settings for enforcement and workflows processes of this run, its database migrated
    once, as its own step (as the Kubernetes Job does); the processes only check it is at head."""
    env = replica_env(
        prefix,
        ENFORCEMENT_DATABASE_URL=database_url,
        ENFORCEMENT_CONSUMER_GROUP=f"enforcement-{run}",
        GOV_MIGRATE_AT_START="false",
        WORKFLOWS_TASK_QUEUE=f"scale-{run}",
        WORKFLOWS_CONSUMER_GROUP=f"workflows-{run}",
        **settings,
    )
    migrate = [sys.executable, "-m", "govkit.migrations", "upgrade", "enforcement"]
    subprocess.run(migrate, cwd=REPO, env=env, check=True, timeout=60)
    return env


def _report(prefix: str, incident_type: str) -> tuple[str, set[str]]:
    """Publish one report; its incident id and the departments its routing calls."""
    incident_id = str(uuid.uuid4())
    reported = incident_reported(
        incident_id, incident_type=incident_type, reported_at=datetime.now(UTC)
    )
    publish(prefix + PATROL_INCIDENTS.name, incident_id, _envelope(reported))
    return incident_id, {d.value for d in route(load_routing_table(), reported.incident_type)[0]}


async def report_steadily(
    prefix: str, count: int, incident_types: tuple[str, ...] = TYPES
) -> dict[str, set[str]]:
    """`count` reports of the types in turn, four a second; the departments each calls, by
    incident id."""
    expected = {}
    for n in range(count):
        incident_id, departments = _report(prefix, incident_types[n % len(incident_types)])
        expected[incident_id] = departments
        await asyncio.sleep(0.25)
    return expected


def _envelope(report: IncidentReported) -> Envelope:
    return Envelope.of(
        report, event_id=str(uuid.uuid4()), source="/services/patrol", time=report.reported_at
    )


def routed_tasks(expected: dict[str, set[str]]) -> list[str]:
    """The task ids the routing calls for, by incident id (a second call would be `…:2`)."""
    return [
        f"{case}:{department}"
        for case, departments in expected.items()
        for department in departments
    ]


async def rows(database_url: str, query: str) -> list:
    """The rows of a query on enforcement's database, read off the event loop."""

    def read() -> list:
        engine = create_engine(database_url)
        try:
            with engine.connect() as connection:
                return list(connection.execute(text(query)))
        finally:
            engine.dispose()

    return await asyncio.to_thread(read)


async def tasks_when_all_there(
    database_url: str, expected: dict[str, set[str]]
) -> list[tuple[str, str]] | None:
    tasks = await rows(database_url, "SELECT task_id, department FROM department_tasks")
    return tasks if len(tasks) >= len(routed_tasks(expected)) else None


def events_on_topic(
    prefix: str, event_type: str, *fields: str, bootstrap: str = KAFKA
) -> dict[tuple, set[str]]:
    """The ids of each `event_type` event on enforcement.cases, by the values of `fields`. A
    relay that died between publish and mark sends the same event (same id) again, which
    consumers drop."""
    events: dict[tuple, set[str]] = {}
    for record in read_to_end(prefix + ENFORCEMENT_CASES.name, bootstrap):
        envelope = json.loads(record.value)
        if envelope["type"] == event_type:
            key = tuple(envelope["data"][field] for field in fields)
            events.setdefault(key, set()).add(envelope["id"])
    return events


async def until_settled(env: dict[str, str], incident_ids: Iterable[str]) -> None:
    """Until nothing more can come: no whistle has an activity pending (a killed worker's is
    retried on another), and enforcement has consumed every command sent."""
    client = await Client.connect(TEMPORAL)
    commands = env["GOV_TOPIC_PREFIX"] + ENFORCEMENT_COMMANDS.name

    async def settled() -> bool:
        for incident_id in incident_ids:
            description = await client.get_workflow_handle(f"whistle-{incident_id}").describe()
            if description.raw_description.pending_activities:
                return False
        group, bootstrap = env["ENFORCEMENT_CONSUMER_GROUP"], env["GOV_KAFKA_BOOTSTRAP"]
        return await asyncio.to_thread(consumed_to_end, group, commands, bootstrap)

    await eventually(
        settled, timeout=90, interval=1, what="no activity pending, every command consumed"
    )


@contextlib.asynccontextmanager
async def stopped_after(replicas: list[Replica], env: dict[str, str]) -> AsyncIterator[None]:
    """Stop the replicas (those added meanwhile too) and leave no whistle of the run waiting."""
    try:
        yield
    finally:
        for replica in replicas:
            replica.stop()
        await terminate_workflows_of(env["WORKFLOWS_TASK_QUEUE"])


def assert_each_routed_task_once(
    prefix: str,
    tasks: list[tuple[str, str]] | None,
    expected: dict[str, set[str]],
    bootstrap: str = KAFKA,
) -> None:
    """Exactly its routed tasks per incident in the database, none twice, each dispatched once
    on enforcement.cases."""
    assert tasks is not None
    assert Counter(task_id for task_id, _ in tasks) == Counter(routed_tasks(expected))
    dispatched = events_on_topic(
        prefix, DepartmentTaskDispatched.EVENT_TYPE, "task_id", bootstrap=bootstrap
    )
    assert dispatched.keys() == {(task_id,) for task_id, _ in tasks}
    assert all(len(event_ids) == 1 for event_ids in dispatched.values())
