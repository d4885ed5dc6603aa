"""Inspections over a fake unit of work and an evidence store in a temporary folder."""

from __future__ import annotations

import pytest

from govkit.calendar import load_calendar
from govkit.fakes import FakeUnitOfWork
from govkit.uploads import LocalDiskStore
from inspections.app import create_app
from inspections.rules import load_checklists, load_rectification_rules
from inspections.service.common import Rules
from inspections.settings import InspectionsSettings
from tests.fast.inspections.fakes import FakeInspectionsRepository
from tests.fast.support import MEMORY_DATABASE, T0, client, sequential_ids


@pytest.fixture
def uow() -> FakeUnitOfWork[FakeInspectionsRepository]:
    return FakeUnitOfWork(FakeInspectionsRepository(), clock=lambda: T0, new_id=sequential_ids())


@pytest.fixture(scope="session")
def rules() -> Rules:
    return Rules(load_checklists(), load_rectification_rules(), load_calendar())


@pytest.fixture
def store(tmp_path) -> LocalDiskStore:
    return LocalDiskStore(tmp_path / "evidence")


@pytest.fixture
def settings(tmp_path) -> InspectionsSettings:
    return InspectionsSettings(
        database_url=MEMORY_DATABASE,
        topic_prefix="fast.",
        otel_exporter="none",
        evidence_dir=str(tmp_path / "evidence"),
        max_evidence_bytes=64 * 1024,
    )


@pytest.fixture
def api(settings, uow):
    return client(create_app, settings, uow)
