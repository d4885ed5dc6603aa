"""Risk over a fake unit of work."""

from __future__ import annotations

import pytest

from govkit.fakes import FakeUnitOfWork
from risk.app import create_app
from risk.settings import RiskSettings
from tests.fast.risk.fakes import FakeRiskRepository
from tests.fast.risk.test_use_cases import registered, supervised
from tests.fast.support import MEMORY_DATABASE, T0, client, sequential_ids


@pytest.fixture
def uow() -> FakeUnitOfWork[FakeRiskRepository]:
    return FakeUnitOfWork(FakeRiskRepository(), clock=lambda: T0, new_id=sequential_ids())


@pytest.fixture
def settings() -> RiskSettings:
    return RiskSettings(database_url=MEMORY_DATABASE, topic_prefix="fast.", otel_exporter="none")


@pytest.fixture
def api(settings, uow):
    return client(create_app, settings, uow)


@pytest.fixture
def watched(uow):
    """A registered institution whose account the district put under 长沙银行's supervision."""
    registered(uow)
    supervised(uow)
    return uow
