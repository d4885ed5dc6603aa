"""The Kafka broker every service uses: FastStream with OpenTelemetry context in headers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiokafka import ConsumerRecord
from faststream.kafka import KafkaBroker
from faststream.kafka.opentelemetry.provider import (
    BatchKafkaTelemetrySettingsProvider,
    KafkaTelemetrySettingsProvider,
)
from faststream.kafka.response import KafkaPublishCommand
from faststream.message import StreamMessage
from faststream.opentelemetry.middleware import TelemetryMiddleware
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.semconv.trace import SpanAttributes


def _text_key(attrs: dict[str, Any]) -> dict[str, Any]:
    key = attrs.get(SpanAttributes.MESSAGING_KAFKA_MESSAGE_KEY)
    if isinstance(key, bytes):
        attrs[SpanAttributes.MESSAGING_KAFKA_MESSAGE_KEY] = key.decode("utf-8", "replace")
    return attrs


class _TextKeyProvider(KafkaTelemetrySettingsProvider):
    """A record's key as text on its spans: an attribute of bytes breaks the JSON exporters
    (`Object of type bytes is not JSON serializable`), and the convention says string."""

    def get_consume_attrs_from_message(
        self, msg: StreamMessage[ConsumerRecord[Any, Any]]
    ) -> dict[str, Any]:
        return _text_key(super().get_consume_attrs_from_message(msg))

    def get_publish_attrs_from_cmd(self, cmd: KafkaPublishCommand) -> dict[str, Any]:
        return _text_key(super().get_publish_attrs_from_cmd(cmd))


def _telemetry_provider(
    msg: ConsumerRecord[Any, Any] | Sequence[ConsumerRecord[Any, Any]] | None,
) -> KafkaTelemetrySettingsProvider | BatchKafkaTelemetrySettingsProvider:
    if isinstance(msg, Sequence):
        return BatchKafkaTelemetrySettingsProvider()
    return _TextKeyProvider()


def create_broker(bootstrap: str, tracer_provider: TracerProvider, client_id: str) -> KafkaBroker:
    return KafkaBroker(
        bootstrap,
        client_id=client_id,
        acks="all",
        enable_idempotence=True,
        middlewares=[
            TelemetryMiddleware(
                settings_provider_factory=_telemetry_provider, tracer_provider=tracer_provider
            )
        ],
        logger=None,
    )
