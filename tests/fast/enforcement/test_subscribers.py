"""Enforcement's subscriber on FastStream's in-memory Kafka: the right use case, once per command."""

from __future__ import annotations

from datetime import timedelta

from faststream.kafka import TestKafkaBroker

from contracts.events import RecordEscalation, TaskAcknowledged
from contracts.vocabulary import Department
from enforcement.handlers import COMMANDS
from tests.fast.enforcement.casework import CASE, dispatch_command, kinds, task_id
from tests.fast.support import T0, envelope_of

TOPIC = "fast.enforcement.commands"
EDUCATION = task_id(Department.EDUCATION)


async def test_a_redelivered_dispatch_gives_one_task(api, uow):
    command = dispatch_command(Department.EDUCATION, lead=True)
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        for _ in range(2):
            await kafka.publish(envelope_of(command, "wf:dispatch:education"), topic=TOPIC)
    assert list(uow.repo.tasks_by_id) == [EDUCATION]
    assert kinds(uow.committed) == ["DepartmentTaskDispatched"] and uow.commits == 1


async def test_an_escalation_is_recorded_and_counted_once_however_often_it_arrives(api, uow):
    escalated = RecordEscalation(
        escalation_id="esc-1",
        task_id=EDUCATION,
        case_id=CASE,
        level=1,
        reason="未在时限内报到",
        missed_deadline=T0 + timedelta(minutes=30),
    )
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        await kafka.publish(envelope_of(dispatch_command(Department.EDUCATION), "d-1"), topic=TOPIC)
        for _ in range(2):
            await kafka.publish(envelope_of(escalated, "esc-1"), topic=TOPIC)
    assert kinds(uow.committed) == [
        "DepartmentTaskDispatched",
        "TaskEscalated",
        "AccountabilityMeasureIssued",
    ]
    assert uow.repo.task(EDUCATION).escalation_level == 1


async def test_a_message_type_nobody_handles_is_counted_and_skipped(api, uow):
    acknowledged = TaskAcknowledged(
        task_id=EDUCATION,
        case_id=CASE,
        department=Department.EDUCATION,
        officer="edu_officer",
        acknowledged_at=T0,
    )
    before = COMMANDS.skipped[acknowledged.EVENT_TYPE]
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        await kafka.publish(envelope_of(acknowledged, "evt-1"), topic=TOPIC)
    assert COMMANDS.skipped[acknowledged.EVENT_TYPE] == before + 1
    assert uow.commits == 0
