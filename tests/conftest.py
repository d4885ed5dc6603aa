"""Shared fixtures: the real stack must be up (`make test` starts it); each run is isolated
by fresh topic names, consumer groups, a task queue and SQLite files of its own."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from govkit.settings import CommonSettings
from govkit.telemetry import setup_telemetry
from govkit.topics import drop_topics, ensure_topics
from tests.support.platform import Platform, running_platform, terminate_workflows_of
from tests.support.stack import KAFKA, missing_components

ACKNOWLEDGE_WITHIN_SECONDS = 15


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `runs_last` go to the end of the session, in their collected order."""
    items.sort(key=lambda item: item.get_closest_marker("runs_last") is not None)


@pytest.fixture(scope="session")
def span_exporter() -> InMemorySpanExporter:
    exporter = InMemorySpanExporter()
    setup_telemetry("tests", CommonSettings(otel_exporter="none"), exporter)
    return exporter


@pytest.fixture(scope="session")
def run_id() -> str:
    return uuid.uuid4().hex[:10]


@pytest.fixture(scope="session")
def stack_up() -> None:
    down = missing_components()
    if down:
        pytest.fail(
            f"components not running: {', '.join(down)}. Start them with "
            "`deploy/local/stack.sh start` (or run `make test`, which does)."
        )


@pytest.fixture(scope="session")
def topic_prefix(stack_up, run_id) -> Iterator[str]:
    """The run's own topics, deleted when the run ends: a broker that outlives many runs would
    otherwise carry thousands of topics, and every new client reads the metadata of all."""
    prefix = f"test-{run_id}."
    ensure_topics(KAFKA, prefix=prefix)
    yield prefix
    drop_topics(KAFKA, prefix=prefix)


@pytest.fixture(scope="session")
async def platform(span_exporter, topic_prefix, run_id, tmp_path_factory) -> Platform:
    async with running_platform(
        run_id, topic_prefix, tmp_path_factory.mktemp("data"), ACKNOWLEDGE_WITHIN_SECONDS
    ) as running:
        yield running
        await terminate_workflows_of(running.task_queue)


@pytest.fixture
async def gateway(platform) -> httpx.AsyncClient:
    async with httpx.AsyncClient(base_url=platform.gateway_url, timeout=30) as client:
        yield client
