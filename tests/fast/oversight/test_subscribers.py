"""Oversight's subscriber on FastStream's in-memory Kafka: the fold, once per event id."""

from __future__ import annotations

from faststream.kafka import TestKafkaBroker

from contracts.events import JointActionRecorded
from contracts.vocabulary import TaskOutcome
from oversight.handlers import CASES
from tests.fast.oversight.test_use_cases import dispatched, escalated
from tests.fast.support import T0, envelope_of

TOPIC = "fast.enforcement.cases"


async def test_each_case_event_is_folded_once_however_often_it_arrives(api, uow):
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        await kafka.publish(envelope_of(dispatched("c1"), "evt-1"), topic=TOPIC)
        for _ in range(2):
            await kafka.publish(envelope_of(escalated("c1"), "evt-2"), topic=TOPIC)
    assert uow.repo.facts("c1").tasks["c1:education"].escalations == 1
    assert uow.commits == 2


async def test_types_no_figure_depends_on_are_counted_and_skipped(api, uow):
    joint = JointActionRecorded(
        action_id="a1",
        case_id="c1",
        outcome=TaskOutcome.BANNED,
        note="取缔",
        recorded_by="township_dongtang",
        recorded_at=T0,
    )
    newer = envelope_of(joint, "evt-3") | {"type": "gov.enforcement.Newer.v1", "data": {}}
    before = (CASES.skipped[joint.EVENT_TYPE], CASES.skipped[newer["type"]])
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        await kafka.publish(envelope_of(joint, "evt-2"), topic=TOPIC)
        await kafka.publish(newer, topic=TOPIC)
        await kafka.publish(envelope_of(dispatched("c1"), "evt-4"), topic=TOPIC)
    after = (CASES.skipped[joint.EVENT_TYPE], CASES.skipped[newer["type"]])
    assert after == (before[0] + 1, before[1] + 1)
    assert list(uow.repo.cases) == ["c1"]  # the consumer went on past them
    assert uow.commits == 1
