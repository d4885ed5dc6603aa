"""Risk's subscriber on FastStream's in-memory Kafka: the right use case, once per event."""

from __future__ import annotations

from faststream.kafka import TestKafkaBroker

from contracts.events import ComplianceViolationResolved
from risk.handlers import REGISTRY
from tests.fast.risk.test_use_cases import violation
from tests.fast.support import T0, envelope_of

TOPIC = "fast.institutions.registry"


async def test_a_violation_becomes_one_signal_however_often_it_arrives(api, uow):
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        for _ in range(2):
            await kafka.publish(envelope_of(violation(), "evt-1"), topic=TOPIC)
    assert list(uow.repo.signals_by_id) == ["v-1"]
    assert uow.commits == 1


async def test_an_event_type_nobody_handles_is_counted_and_skipped(api, uow):
    resolved = ComplianceViolationResolved(
        violation_id="v-1", institution_id="inst-1", rule="training_hours", resolved_at=T0
    )
    before = REGISTRY.skipped[resolved.EVENT_TYPE]
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        await kafka.publish(envelope_of(resolved, "evt-2"), topic=TOPIC)
        await kafka.publish(envelope_of(violation(), "evt-3"), topic=TOPIC)
    assert REGISTRY.skipped[resolved.EVENT_TYPE] == before + 1
    assert list(uow.repo.signals_by_id) == ["v-1"]  # the consumer went on past it
    assert uow.commits == 1
