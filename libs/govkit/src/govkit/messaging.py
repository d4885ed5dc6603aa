"""The Kafka broker every service uses: FastStream with OpenTelemetry context in headers."""

from __future__ import annotations

from faststream.kafka import KafkaBroker
from faststream.kafka.opentelemetry import KafkaTelemetryMiddleware
from faststream.middlewares import AckPolicy
from opentelemetry.sdk.trace import TracerProvider

# Commit an offset only after the handler's transaction committed; a failure seeks back and
# the message is delivered again (handlers are idempotent, so that is safe).
AT_LEAST_ONCE = AckPolicy.NACK_ON_ERROR


def create_broker(bootstrap: str, tracer_provider: TracerProvider, client_id: str) -> KafkaBroker:
    return KafkaBroker(
        bootstrap,
        client_id=client_id,
        acks="all",
        enable_idempotence=True,
        middlewares=[KafkaTelemetryMiddleware(tracer_provider=tracer_provider)],
        logger=None,
    )
