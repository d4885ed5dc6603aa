"""Looking at Kafka from the outside: publish raw envelopes, check consumer progress."""

from __future__ import annotations

import time
from collections.abc import Iterable

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord

from contracts.envelope import Envelope
from tests.support.stack import KAFKA


def publish(topic: str, key: str, envelope: Envelope, times: int = 1) -> None:
    publish_many(topic, [(key, envelope)] * times)


def publish_many(topic: str, messages: Iterable[tuple[str, Envelope]]) -> None:
    """Send (key, envelope) pairs in order through one producer, as a relay would."""
    producer = KafkaProducer(bootstrap_servers=KAFKA, acks="all")
    try:
        for key, envelope in messages:
            producer.send(
                topic,
                key=key.encode(),
                value=envelope.to_bytes(),
                headers=[("content-type", b"application/json")],
            )
        producer.flush(timeout=60)
    finally:
        producer.close()


def consumed_to_end(group_id: str, topic: str, bootstrap: str = KAFKA) -> bool:
    """True when `group_id` has committed offsets at the end of every partition of `topic`."""
    # Reading a group's committed offsets does not join the group (no subscribe, no poll).
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap, group_id=group_id, enable_auto_commit=False
    )
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or []]
        ends = consumer.end_offsets(partitions)
        return all((consumer.committed(tp) or 0) >= end for tp, end in ends.items())
    finally:
        consumer.close()


def read_to_end(topic: str, bootstrap: str = KAFKA) -> list[ConsumerRecord]:
    """Every message on `topic` now, in order within each partition (no consumer group)."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or []]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        records: list[ConsumerRecord] = []
        deadline = time.monotonic() + 60
        while any(consumer.position(tp) < end for tp, end in ends.items()):
            assert time.monotonic() < deadline, f"{topic}: not read to its end in 60 s"
            for batch in consumer.poll(timeout_ms=1000).values():
                records += batch
        return records
    finally:
        consumer.close()
