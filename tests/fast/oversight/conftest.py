"""Oversight over a fake unit of work."""

from __future__ import annotations

import pytest

from govkit.fakes import FakeUnitOfWork
from oversight.app import create_app
from oversight.settings import OversightSettings
from tests.fast.oversight.fakes import FakeOversightRepository
from tests.fast.support import MEMORY_DATABASE, T0, client, sequential_ids


@pytest.fixture
def uow() -> FakeUnitOfWork[FakeOversightRepository]:
    return FakeUnitOfWork(FakeOversightRepository(), clock=lambda: T0, new_id=sequential_ids())


@pytest.fixture
def settings() -> OversightSettings:
    return OversightSettings(
        database_url=MEMORY_DATABASE, topic_prefix="fast.", otel_exporter="none"
    )


@pytest.fixture
def api(settings, uow):
    return client(create_app, settings, uow)
