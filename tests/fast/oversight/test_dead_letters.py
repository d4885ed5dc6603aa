"""Oversight's consumer on FastStream's in-memory Kafka: a record that is not JSON is parked and
the next one handled; only an admin reaches the service's dead letters."""

from __future__ import annotations

import pytest
from faststream.kafka import TestKafkaBroker

from tests.fast.govkit.test_dead_letters import RecordingSink
from tests.fast.oversight.test_use_cases import dispatched
from tests.fast.support import bearer, envelope_of

pytestmark = pytest.mark.unit

TOPIC = "fast.enforcement.cases"


async def test_a_record_that_is_not_json_is_parked_and_the_next_event_is_handled(api, uow):
    sink = api.app.state.consumers.sink = RecordingSink()
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        await kafka.publish(b"{not json", topic=TOPIC, key=b"c1")
        await kafka.publish(envelope_of(dispatched("c1"), "evt-1"), topic=TOPIC)
    assert list(uow.repo.cases) == ["c1"]
    assert [(topic, key) for topic, key, _, _ in sink.sent] == [
        ("fast.enforcement.cases.dlq", b"fast.enforcement.cases:0:0:oversight")
    ]


def test_only_an_admin_reaches_the_dead_letters_and_a_topic_filter_says_what_it_accepts(api):
    assert api.get("/admin/dead-letters", headers=bearer("leader_city")).status_code == 403
    reply = api.get("/admin/dead-letters?topic=nope", headers=bearer("admin_user"))
    assert reply.status_code == 422
    assert "accepted: enforcement.cases" in reply.json()["detail"]
