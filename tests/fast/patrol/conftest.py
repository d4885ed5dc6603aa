"""Patrol over a fake unit of work."""

from __future__ import annotations

import pytest

from govkit.fakes import FakeUnitOfWork
from patrol.app import create_app
from patrol.settings import PatrolSettings
from tests.fast.patrol.fakes import FakePatrolRepository
from tests.fast.support import MEMORY_DATABASE, T0, client, sequential_ids


@pytest.fixture
def uow() -> FakeUnitOfWork[FakePatrolRepository]:
    return FakeUnitOfWork(FakePatrolRepository(), clock=lambda: T0, new_id=sequential_ids())


@pytest.fixture
def settings() -> PatrolSettings:
    return PatrolSettings(database_url=MEMORY_DATABASE, topic_prefix="fast.", otel_exporter="none")


@pytest.fixture
def api(settings, uow):
    return client(create_app, settings, uow)
