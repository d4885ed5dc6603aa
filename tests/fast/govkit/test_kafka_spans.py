"""A consumed record's span carries its key as text, so the JSON exporters can write it."""

from __future__ import annotations

import pytest
from faststream.kafka import KafkaMessage, TestKafkaBroker
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from govkit.messaging import create_broker

pytestmark = pytest.mark.unit


async def test_a_consumed_records_span_exports_as_json_with_its_key_as_text():
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    broker = create_broker("127.0.0.1:9092", provider, client_id="fast")
    received = []

    @broker.subscriber("fast.topic")
    async def receive(message: KafkaMessage) -> None:
        received.append(message.raw_message.key)

    async with TestKafkaBroker(broker) as kafka:
        await kafka.publish(b"not json", topic="fast.topic", key="案-1".encode())
    assert received == ["案-1".encode()]
    spans = exporter.get_finished_spans()
    assert {span.attributes["messaging.kafka.message.key"] for span in spans} == {"案-1"}
    assert all(span.to_json() for span in spans)  # bytes here failed the file exporter
