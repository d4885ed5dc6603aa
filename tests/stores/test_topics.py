"""A run's topics are created with the platform's declarations and deleted by their prefix."""

from __future__ import annotations

import uuid

import pytest
from kafka.admin import KafkaAdminClient

from contracts.topics import ENFORCEMENT_CASES
from govkit.topics import drop_topics, ensure_topics
from tests.support.stack import KAFKA


def _named(prefix: str) -> set[str]:
    admin = KafkaAdminClient(bootstrap_servers=KAFKA)
    try:
        return {name for name in admin.list_topics() if name.startswith(prefix)}
    finally:
        admin.close()


def test_a_runs_topics_are_dropped_by_their_prefix_and_nothing_else(stack_up):
    prefix, neighbour = f"drop-{uuid.uuid4().hex[:8]}.", f"keep-{uuid.uuid4().hex[:8]}."
    ensure_topics(KAFKA, prefix=prefix, topics=(ENFORCEMENT_CASES,))
    ensure_topics(KAFKA, prefix=neighbour, topics=(ENFORCEMENT_CASES,))

    dropped = drop_topics(KAFKA, prefix=prefix)

    assert dropped == sorted({prefix + "enforcement.cases", prefix + "enforcement.cases.dlq"})
    assert _named(neighbour) == {
        neighbour + "enforcement.cases",
        neighbour + "enforcement.cases.dlq",
    }
    drop_topics(KAFKA, prefix=neighbour)


def test_dropping_without_a_prefix_is_refused():
    with pytest.raises(ValueError, match="needs a prefix"):
        drop_topics(KAFKA, prefix="")
