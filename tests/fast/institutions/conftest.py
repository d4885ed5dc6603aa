"""The registry over a fake unit of work, with the real rule book."""

from __future__ import annotations

import pytest

from govkit.fakes import FakeUnitOfWork
from institutions.app import create_app
from institutions.domain.compliance import RuleBook
from institutions.rules import load_rule_book
from institutions.settings import InstitutionsSettings
from tests.fast.institutions.fakes import FakeRegistryRepository
from tests.fast.support import MEMORY_DATABASE, T0, client, sequential_ids


@pytest.fixture
def uow() -> FakeUnitOfWork[FakeRegistryRepository]:
    return FakeUnitOfWork(FakeRegistryRepository(), clock=lambda: T0, new_id=sequential_ids())


@pytest.fixture(scope="session")
def rules() -> RuleBook:
    return load_rule_book()


@pytest.fixture
def settings() -> InstitutionsSettings:
    return InstitutionsSettings(
        database_url=MEMORY_DATABASE, topic_prefix="fast.", otel_exporter="none"
    )


@pytest.fixture
def api(settings, uow):
    return client(create_app, settings, uow)
