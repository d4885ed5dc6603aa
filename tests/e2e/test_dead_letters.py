"""A record nobody can handle is parked on `<topic>.dlq` and stops nobody; an administrator
lists it and replays it once after the fault is fixed (issue 14)."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from sqlalchemy.exc import OperationalError

from contracts.envelope import Envelope
from contracts.events import DispatchDepartmentTask
from contracts.topics import (
    ENFORCEMENT_CASES,
    ENFORCEMENT_COMMANDS,
    PATROL_INCIDENTS,
    TOPICS,
    WORKFLOWS_CALENDAR,
)
from enforcement.store.repository import SqlEnforcementRepository
from govkit.dead_letters import Retry
from tests.e2e.test_health import consumer_groups
from tests.support.kafka import consumed_to_end, publish
from tests.support.reports import unlicensed_school_report
from tests.support.stack import KAFKA
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e

GROUPED_TOPICS = [topic for topic in TOPICS if topic != WORKFLOWS_CALENDAR]
"""Every topic a consumer group reads (the calendar is read whole by each process, no group)."""


def poison_every_partition(prefix: str, poison: bytes) -> dict[tuple[str, int], int]:
    """`poison` on every partition of every topic the platform consumes; where each landed."""
    producer = KafkaProducer(bootstrap_servers=KAFKA, acks="all")
    try:
        sent = {
            (prefix + topic.name, partition): producer.send(
                prefix + topic.name,
                value=poison,
                key=b"poison",
                partition=partition,
                headers=[("content-type", b"application/json"), ("x-origin", b"poison test")],
            )
            for topic in TOPICS
            for partition in range(topic.partitions)
        }
        return {where: future.get(timeout=30).offset for where, future in sent.items()}
    finally:
        producer.close()


def records_on(topic: str) -> list:
    """Every record of a (one-partition) dead-letter topic, from its beginning to its end."""
    consumer = KafkaConsumer(bootstrap_servers=KAFKA, group_id=None, enable_auto_commit=False)
    try:
        partition = TopicPartition(topic, 0)
        consumer.assign([partition])
        end = consumer.end_offsets([partition])[partition]
        consumer.seek_to_beginning(partition)
        records = []
        while consumer.position(partition) < end:
            for batch in consumer.poll(timeout_ms=1000).values():
                records.extend(batch)
        return records
    finally:
        consumer.close()


async def _tasks(gateway: httpx.AsyncClient, case_id: str, headers: dict) -> list | None:
    reply = await gateway.get(f"/api/enforcement/cases/{case_id}", headers=headers)
    return reply.json()["tasks"] if reply.status_code == 200 else None


async def _report_and_time_its_tasks(gateway: httpx.AsyncClient) -> tuple[str, float]:
    """Report an incident as a grid worker; its id, and the seconds until both tasks exist."""
    reporter, reader = bearer("grid_dongtang"), bearer("district_yuhua")
    reported = time.monotonic()
    reply = await gateway.post(
        "/api/patrol/incidents", json=unlicensed_school_report(), headers=reporter
    )
    assert reply.status_code == 201, reply.text
    case_id = reply.json()["incident_id"]

    async def both_tasks():
        tasks = await _tasks(gateway, case_id, reader)
        return tasks if tasks and len(tasks) == 2 else None

    tasks = await eventually(both_tasks, timeout=5, what=f"both tasks of {case_id}")
    assert {t["department"] for t in tasks} == {"education", "market_supervision"}
    return case_id, time.monotonic() - reported


async def _health_counts_waiting_letters(
    gateway: httpx.AsyncClient, group: str, admin: dict
) -> tuple[set, int] | None:
    """The ids of the group's letters waiting for a replay, and /health's count, once equal."""
    service = group.split("-")[0]
    listed = await gateway.get(
        f"/api/{service}/admin/dead-letters",
        params={"replayed": "false", "limit": 200},
        headers=admin,
    )
    waiting = {x["id"] for x in listed.json()["data"] if x["consumer"] == group}
    groups = await consumer_groups(gateway)
    parked = groups[group]["parked"] if groups else None
    return (waiting, len(waiting)) if parked == len(waiting) else None


async def test_a_record_that_is_not_json_is_parked_and_the_next_incident_gets_its_tasks(
    platform, gateway
):
    # Every consumer group has joined and found its partitions before the poison arrives.
    _, before = await _report_and_time_its_tasks(gateway)
    poison = f"not json {{ {uuid.uuid4()}".encode()
    landed = await asyncio.to_thread(poison_every_partition, platform.topic_prefix, poison)
    _, after = await _report_and_time_its_tasks(gateway)
    print(f"\nboth tasks {before:.2f}s after a report, {after:.2f}s after one behind the poison")

    # Each consumer group parked the poison of each partition of its topics, once, as it was.
    groups = await eventually(lambda: consumer_groups(gateway), what="every service's consumers")
    readers = {(group, topic) for group, entry in groups.items() for topic in entry["lag"]}
    incidents = platform.topic_prefix + PATROL_INCIDENTS.name
    assert {group for group, topic in readers if topic == incidents} == {
        f"workflows-{platform.run_id}",
        f"enforcement-{platform.run_id}-reports",
        f"risk-{platform.run_id}-reports",
    }
    assert {topic for _, topic in readers} == {
        platform.topic_prefix + t.name for t in GROUPED_TOPICS
    }
    for topic in {topic for _, topic in readers}:
        parked = [
            r for r in await asyncio.to_thread(records_on, f"{topic}.dlq") if r.value == poison
        ]
        headers = [dict(r.headers) for r in parked]
        assert sorted(
            (h["dead-letter-consumer"].decode(), int(h["dead-letter-partition"])) for h in headers
        ) == sorted(
            (group, partition)
            for group, read in readers
            if read == topic
            for lay, partition in landed
            if lay == topic
        ), topic
        for h in headers:
            partition = int(h["dead-letter-partition"])
            assert h["content-type"] == b"application/json"  # the original headers, kept
            assert h["x-origin"] == b"poison test"
            assert h["dead-letter-key"] == b"poison"
            assert h["dead-letter-topic"].decode() == topic
            assert int(h["dead-letter-offset"]) == landed[(topic, partition)]
            assert h["dead-letter-attempts"] == b"1"  # unreadable bytes are not retried
            assert b"not an event envelope" in h["dead-letter-error"]

    # /health counts them per group (it looks again every few seconds), and nobody is stuck.
    async def counted():
        groups = await consumer_groups(gateway) or {}
        expected = {g: len([t for t, _ in landed if t in e["lag"]]) for g, e in groups.items()}
        return groups if {g: e["parked"] for g, e in groups.items()} == expected else None

    groups = await eventually(counted, what="/health counting the parked poison")
    assert {group: entry["status"] for group, entry in groups.items()} == dict.fromkeys(
        groups, "up"
    )

    # The administrator sees the bridge's letters through the gateway.
    listed = await gateway.get(
        "/api/workflows/admin/dead-letters",
        params={"topic": PATROL_INCIDENTS.name},
        headers=bearer("admin_user"),
    )
    assert listed.status_code == 200, listed.text
    mine = [x for x in listed.json()["data"] if x["value"] == poison.decode()]
    assert sorted(x["partition"] for x in mine) == [p for t, p in sorted(landed) if t == incidents]
    assert {x["consumer"] for x in mine} == {f"workflows-{platform.run_id}"}


async def test_a_letter_parked_by_a_transient_fault_is_replayed_once_after_the_fix(
    platform, gateway, monkeypatch
):
    case_id = str(uuid.uuid4())
    command = DispatchDepartmentTask(
        task_id=f"{case_id}:education",
        case_id=case_id,
        incident_id=case_id,
        incident_type="unlicensed_school",
        department="education",
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
        summary="【无证办学】启航学堂：居民楼内无证开展学科类培训",
        acknowledge_by=datetime.now(UTC) + timedelta(hours=1),
    )
    envelope = Envelope.of(
        command, event_id=f"test:{case_id}", source="/tests", time=datetime.now(UTC)
    )
    # The fault: enforcement's database fails on this case's task while it lasts.
    task = SqlEnforcementRepository.task

    def failing(self, task_id):
        if task_id.startswith(case_id):
            raise OperationalError("select task", {}, Exception("database is locked (injected)"))
        return task(self, task_id)

    monkeypatch.setattr(SqlEnforcementRepository, "task", failing)
    commands = platform.topic_prefix + ENFORCEMENT_COMMANDS.name
    publish(commands, case_id, envelope)
    admin = bearer("admin_user")

    async def parked_letter():
        listed = await gateway.get(
            "/api/enforcement/admin/dead-letters",
            params={"topic": ENFORCEMENT_COMMANDS.name, "replayed": "false"},
            headers=admin,
        )
        return next((x for x in listed.json()["data"] if x["key"] == case_id), None)

    letter = await eventually(parked_letter, what="the command parked after its tries")
    assert letter["attempts"] == Retry().attempts
    assert "OperationalError" in letter["error"] and "injected" in letter["error"]
    assert letter["consumer"] == f"enforcement-{platform.run_id}"
    reader = bearer("district_yuhua")
    assert await _tasks(gateway, case_id, reader) is None
    waiting, _ = await eventually(
        lambda: _health_counts_waiting_letters(gateway, f"enforcement-{platform.run_id}", admin),
        what="/health counting the parked command",
    )
    assert letter["id"] in waiting

    monkeypatch.undo()  # the fix
    forbidden = await gateway.post(
        f"/api/enforcement/admin/dead-letters/{letter['id']}/replay",
        headers=reader,
    )
    assert forbidden.status_code == 403, forbidden.text
    replayed = await gateway.post(
        f"/api/enforcement/admin/dead-letters/{letter['id']}/replay", headers=admin
    )
    assert replayed.status_code == 200, replayed.text
    assert replayed.json()["replayed_by"] == "admin_user"

    tasks = await eventually(lambda: _tasks(gateway, case_id, reader), what="the replay")
    assert [t["department"] for t in tasks] == ["education"]
    await eventually(
        lambda: asyncio.to_thread(consumed_to_end, f"enforcement-{platform.run_id}", commands),
        what="the replay consumed",
    )
    again = await gateway.post(
        f"/api/enforcement/admin/dead-letters/{letter['id']}/replay", headers=admin
    )
    assert again.status_code == 409, again.text
    case = (await gateway.get(f"/api/enforcement/cases/{case_id}", headers=reader)).json()
    kinds = [entry["event_type"] for entry in case["timeline"]]
    assert kinds.count("gov.enforcement.DepartmentTaskDispatched.v1") == 1
    waiting_after, _ = await eventually(
        lambda: _health_counts_waiting_letters(gateway, f"enforcement-{platform.run_id}", admin),
        what="/health counting the replayed command no more",
    )
    assert waiting_after == waiting - {letter["id"]}


async def test_an_event_of_an_unknown_type_is_counted_and_skipped_by_every_consumer(
    platform, gateway
):
    newer = f"gov.enforcement.Unheard{uuid.uuid4().hex[:8]}.v1"
    case_id = str(uuid.uuid4())
    envelope = Envelope(
        id=f"test:{case_id}",
        source="/services/enforcement",
        type=newer,
        time=datetime.now(UTC),
        subject=case_id,
        data={"case_id": case_id},
    )
    cases = platform.topic_prefix + ENFORCEMENT_CASES.name
    publish(cases, case_id, envelope)

    async def skipped_everywhere():
        groups = await consumer_groups(gateway) or {}
        readers = {group: entry for group, entry in groups.items() if cases in entry["lag"]}
        counts = {group: entry["skipped"].get(newer) for group, entry in readers.items()}
        return counts if all(count == 1 for count in counts.values()) else None

    counts = await eventually(skipped_everywhere, what=f"every reader of {cases} skipping {newer}")
    assert set(counts) == {
        f"workflows-{platform.run_id}",
        f"patrol-{platform.run_id}",
        f"oversight-{platform.run_id}",
        f"risk-{platform.run_id}-outcomes",
    }
    letters = await asyncio.to_thread(records_on, f"{cases}.dlq")
    assert not [r for r in letters if r.value == envelope.to_bytes()]  # skipped, not parked
