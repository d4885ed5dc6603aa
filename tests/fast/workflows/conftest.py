"""The workflows app with its real routes and calendar, no Temporal: tokens are demo usernames."""

from __future__ import annotations

from types import SimpleNamespace

import httpx
import pytest
from faststream.kafka import KafkaMessage, TestKafkaBroker

from tests.fast.support import T0, FakeVerifier
from workflows.app import create_app
from workflows.settings import WorkflowSettings

CALENDAR_TOPIC = "fast.workflows.calendar"


@pytest.fixture
def app():
    settings = WorkflowSettings(topic_prefix="fast.", otel_exporter="none")
    return create_app(settings, clock=lambda: T0, token_verifier=FakeVerifier())


@pytest.fixture
async def recorded(app) -> list[bytes]:
    """What the app publishes on the calendar topic, as it would lie on Kafka."""
    published: list[bytes] = []

    @app.state.broker.subscriber(CALENDAR_TOPIC)
    async def record(message: KafkaMessage) -> None:
        published.append(message.body)

    return published


@pytest.fixture
async def api(app, recorded):
    """An HTTP client of the app on FastStream's in-memory Kafka; Temporal answers health."""
    app.state.client = SimpleNamespace(service_client=SimpleNamespace(check_health=_up))
    async with (
        TestKafkaBroker(app.state.broker),
        app.state.dependency_checks.running(),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://wf") as client,
    ):
        yield client


async def _up(**_kwargs) -> bool:
    return True
