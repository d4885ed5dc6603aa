"""Kafka's own tools, as an operator runs them: list topics, read a topic, a group's lag."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.structs import OffsetAndMetadata

from contracts.topics import PATROL_INCIDENTS
from tests.support.stack import KAFKA

pytestmark = pytest.mark.integration

TOOLS = Path(__file__).resolve().parents[2] / "deploy/local/kafka-tools.sh"


def kafka_tools(*args: str) -> str:
    done = subprocess.run(
        [str(TOOLS), *args],
        env=os.environ | {"KAFKA_BOOTSTRAP": KAFKA},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def topic(topic_prefix) -> str:
    """A topic of this test's own (others' messages never land on it) holding three messages."""
    name = f"{topic_prefix}operator-tools"
    admin = KafkaAdminClient(bootstrap_servers=KAFKA)
    try:
        admin.create_topics([NewTopic(name, num_partitions=1, replication_factor=1)])
    finally:
        admin.close()
    producer = KafkaProducer(bootstrap_servers=KAFKA, acks="all")
    try:
        for n in range(3):
            producer.send(name, key=b"incident-tools", value=f'{{"n": {n}}}'.encode())
        producer.flush(timeout=60)
    finally:
        producer.close()
    return name


def test_topics_lists_the_declared_topics(topic, topic_prefix):
    listed = kafka_tools("topics").splitlines()
    assert topic in listed and f"{topic_prefix}{PATROL_INCIDENTS.name}" in listed


def test_read_prints_the_messages_with_their_keys(topic):
    lines = kafka_tools("read", topic, "3").splitlines()
    # CreateTime:<ms> | key | value
    assert [line.split(" | ", 1)[1] for line in lines] == [
        f'incident-tools | {{"n": {n}}}' for n in range(3)
    ]


def test_lag_shows_how_far_a_group_is_behind(topic, run_id):
    group = f"operator-tools-{run_id}"
    consumer = KafkaConsumer(bootstrap_servers=KAFKA, group_id=group, enable_auto_commit=False)
    try:
        filled = TopicPartition(topic, 0)
        assert consumer.end_offsets([filled]) == {filled: 3}
        consumer.commit({filled: OffsetAndMetadata(1, "", -1)})
    finally:
        consumer.close()
    rows = [line.split() for line in kafka_tools("lag", group).splitlines() if topic in line]
    # GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ...
    assert [row[2:6] for row in rows] == [[str(filled.partition), "1", "3", "2"]]
