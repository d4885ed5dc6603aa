"""The SQL unit of work on SQLite and PostgreSQL: all or nothing, and rows stay readable."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from contracts.events import CaseClosed
from govkit.migrations import upgrade_to_head
from govkit.tables import OutboxMessage
from govkit.uow import SqlUnitOfWork
from patrol.app import SCHEMA
from patrol.store.repository import SqlPatrolRepository
from patrol.store.tables import Incident

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


@pytest.fixture
def unit_of_work(empty_database):
    upgrade_to_head(empty_database, "patrol", SCHEMA)
    woken: list[int] = []

    def make() -> SqlUnitOfWork[SqlPatrolRepository]:
        return SqlUnitOfWork(
            lambda: Session(empty_database, expire_on_commit=False),
            SqlPatrolRepository,
            source="/tests",
            clock=lambda: NOW,
            on_commit=lambda: woken.append(1),
        )

    make.engine, make.woken = empty_database, woken
    return make


def test_a_commit_writes_the_change_and_its_event_together(unit_of_work):
    with unit_of_work() as uow:
        uow.repo.add(_incident("i-1"))
        uow.emit(_closed("i-1"))
        uow.commit()
    assert unit_of_work.woken == [1]
    assert _outbox(unit_of_work.engine) == ["i-1"]


def test_leaving_without_a_commit_keeps_neither_the_change_nor_its_event(unit_of_work):
    with pytest.raises(RuntimeError), unit_of_work() as uow:
        uow.repo.add(_incident("i-2"))
        uow.emit(_closed("i-2"))
        raise RuntimeError("the rule refused after the event was recorded")
    with unit_of_work() as uow:
        assert uow.repo.incident("i-2") is None
    assert _outbox(unit_of_work.engine) == [] and unit_of_work.woken == []


def test_rows_read_in_a_unit_of_work_stay_readable_after_it(unit_of_work):
    with unit_of_work() as uow:
        uow.repo.add(_incident("i-3"))
        uow.commit()
    with unit_of_work() as uow:
        found = uow.repo.incident("i-3")
    assert found is not None and found.description == "周六晚九点仍在补课"


def _incident(incident_id: str) -> Incident:
    return Incident(
        incident_id=incident_id,
        incident_type="out_of_hours_training",
        description="周六晚九点仍在补课",
        latitude=28.1,
        longitude=113.0,
        institution_name="启航学堂",
        institution_address="雨花区东塘街道1号",
        reporter="grid_dongtang",
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
        reported_at=NOW,
    )


def _closed(case_id: str) -> CaseClosed:
    return CaseClosed(case_id=case_id, incident_id=case_id, verified_by="t", closed_at=NOW)


def _outbox(engine) -> list[str]:
    with Session(engine) as session:
        return [row.key for row in session.exec(select(OutboxMessage)).all()]
