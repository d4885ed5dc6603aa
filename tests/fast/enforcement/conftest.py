"""Enforcement over a fake unit of work."""

from __future__ import annotations

import pytest

from enforcement.app import create_app
from enforcement.settings import EnforcementSettings
from govkit.fakes import FakeUnitOfWork
from tests.fast.enforcement.fakes import FakeEnforcementRepository
from tests.fast.support import MEMORY_DATABASE, T0, client, sequential_ids


@pytest.fixture
def uow() -> FakeUnitOfWork[FakeEnforcementRepository]:
    return FakeUnitOfWork(FakeEnforcementRepository(), clock=lambda: T0, new_id=sequential_ids())


@pytest.fixture
def settings() -> EnforcementSettings:
    return EnforcementSettings(
        database_url=MEMORY_DATABASE, topic_prefix="fast.", otel_exporter="none"
    )


@pytest.fixture
def api(settings, uow):
    return client(create_app, settings, uow)
