"""Patrol's subscribers on FastStream's in-memory Kafka: the right use case, once per event."""

from __future__ import annotations

from faststream.kafka import TestKafkaBroker

from contracts.events import TaskAcknowledged
from contracts.vocabulary import Department
from patrol.handlers import CASES
from tests.fast.patrol.test_use_cases import VIOLATION
from tests.fast.support import T0, envelope_of


async def test_a_violation_becomes_one_lead_however_often_it_arrives(api, uow, settings):
    broker = api.app.state.runtime.broker
    async with TestKafkaBroker(broker) as kafka:
        for _ in range(2):
            await kafka.publish(
                envelope_of(VIOLATION, "evt-1"), topic="fast.institutions.registry"
            )
    assert list(uow.repo.leads_by_id) == [VIOLATION.violation_id]
    assert uow.commits == 1


async def test_an_event_type_nobody_handles_is_counted_and_skipped(api, uow):
    acknowledged = TaskAcknowledged(
        task_id="c-1:education",
        case_id="c-1",
        department=Department.EDUCATION,
        officer="edu_officer",
        acknowledged_at=T0,
    )
    before = CASES.skipped[acknowledged.EVENT_TYPE]
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        await kafka.publish(envelope_of(acknowledged, "evt-2"), topic="fast.enforcement.cases")
    assert CASES.skipped[acknowledged.EVENT_TYPE] == before + 1
    assert uow.commits == 0

