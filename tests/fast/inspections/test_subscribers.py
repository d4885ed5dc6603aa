"""Inspections' subscribers on FastStream's in-memory Kafka: the right use case, once per event."""

from __future__ import annotations

from datetime import UTC, datetime

from faststream.kafka import TestKafkaBroker

from contracts.events import ComplianceViolationResolved, RecordOrderEscalation
from contracts.vocabulary import AccountabilityMeasure
from inspections.handlers import REGISTRY
from tests.fast.inspections.world import GUITANG, XINGCHEN, build, inspect
from tests.fast.support import T0, envelope_of


async def test_a_registered_institution_becomes_a_unit_once(api, uow):
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        for _ in range(2):
            await kafka.publish(envelope_of(GUITANG, "evt-1"), topic="fast.institutions.registry")
    assert uow.repo.unit(GUITANG.institution_id).unit_name == "圭塘青少年体育俱乐部"
    assert uow.commits == 1


async def test_a_workflow_command_is_applied_once_however_often_it_arrives(api, uow, rules):
    build(uow)
    order_id = inspect(uow, rules, XINGCHEN.institution_id, {24: "消防通道堵塞"}).order_id
    command = RecordOrderEscalation(
        escalation_id=f"rectify-{order_id}:supervision_notice",
        order_id=order_id,
        rung=AccountabilityMeasure.SUPERVISION_NOTICE,
        level=1,
        missed_deadline=datetime(2026, 11, 30, 9, 30, tzinfo=UTC),
        reason="逾期未整改",
    )
    before = len(uow.committed)
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        await kafka.publish(envelope_of(command, "cmd-1"), topic="fast.inspections.commands")
        await kafka.publish(envelope_of(command, "cmd-1"), topic="fast.inspections.commands")
        await kafka.publish(envelope_of(command, "cmd-2"), topic="fast.inspections.commands")
    assert [type(e).__name__ for e in uow.committed[before:]] == ["OrderEscalated"]


async def test_an_event_type_nobody_handles_is_counted_and_skipped(api, uow):
    resolved = ComplianceViolationResolved(
        violation_id="v-1", institution_id="inst-1", rule="training_hours", resolved_at=T0
    )
    before = REGISTRY.skipped[resolved.EVENT_TYPE]
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        await kafka.publish(envelope_of(resolved, "evt-9"), topic="fast.institutions.registry")
    assert REGISTRY.skipped[resolved.EVENT_TYPE] == before + 1
    assert uow.commits == 0
