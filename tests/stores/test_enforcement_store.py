"""Enforcement's store and the outbox behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from contracts.envelope import Envelope
from contracts.events import DispatchDepartmentTask
from contracts.vocabulary import Department, IncidentType
from enforcement.app import SCHEMA
from enforcement.domain.access import task_scope
from enforcement.domain.filters import TaskFilters
from enforcement.service import tasks, whistle
from enforcement.store.repository import SqlEnforcementRepository
from govkit.http import PageParams
from govkit.migrations import upgrade_to_head
from govkit.outbox import OutboxRelay, claim_first_delivery, record_event
from govkit.principal import Principal
from govkit.uow import SqlUnitOfWork

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
PAGE = PageParams(offset=0, limit=10)


@pytest.fixture
def engine(empty_database):
    upgrade_to_head(empty_database, "enforcement", SCHEMA)
    return empty_database


def _dispatch(case_id: str, department: Department) -> DispatchDepartmentTask:
    return DispatchDepartmentTask(
        task_id=f"{case_id}:{department}",
        case_id=case_id,
        incident_id=case_id,
        incident_type=IncidentType.UNLICENSED_SCHOOL,
        department=department,
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
        summary="启航学堂：无证办学",
        acknowledge_by=NOW + timedelta(minutes=30),
    )


def _unit_of_work(engine, at: datetime) -> SqlUnitOfWork:
    return SqlUnitOfWork(
        lambda: Session(engine, expire_on_commit=False),
        SqlEnforcementRepository,
        source="/test",
        clock=lambda: at,
    )


def test_tasks_are_scoped_and_the_timeline_is_ordered(engine):
    case_id = str(uuid.uuid4())
    for department in (Department.EDUCATION, Department.MARKET_SUPERVISION):
        with (uow := _unit_of_work(engine, NOW)):
            whistle.dispatch_task(_dispatch(case_id, department), uow)
            uow.commit()
    education = Principal(
        "s",
        "edu_officer",
        frozenset({"department_officer"}),
        department="education",
        district="yuhua",
    )
    acknowledged_at = NOW + timedelta(minutes=5)
    tasks.acknowledge(
        tasks.OnTask(f"{case_id}:education", education), _unit_of_work(engine, acknowledged_at)
    )

    with Session(engine) as session:
        repo = SqlEnforcementRepository(session)
        rows, count = repo.tasks(task_scope(education), TaskFilters(), NOW, PAGE)
        assert (count, [(r.department, r.status) for r in rows]) == (
            1,
            [("education", "acknowledged")],
        )
        furong = Principal(
            "s", "x", frozenset({"department_officer"}), department="education", district="furong"
        )
        assert repo.tasks(task_scope(furong), TaskFilters(), NOW, PAGE)[1] == 0
        kinds = [e.event_type.split(".")[2] for e in repo.timeline_of_case(case_id)]
        assert kinds == ["DepartmentTaskDispatched", "DepartmentTaskDispatched", "TaskAcknowledged"]


def test_outbox_keeps_order_and_a_redelivery_is_claimed_once(engine):
    case_id = str(uuid.uuid4())
    with Session(engine) as session:
        for department in (Department.FIRE_SAFETY, Department.PUBLIC_SECURITY):
            record_event(
                session,
                _dispatch(case_id, department),
                source="/test",
                event_id=str(uuid.uuid4()),
                now=NOW,
            )
        session.commit()
    pending = OutboxRelay(engine, broker=None).pending()  # reading needs no broker
    assert [(m.key, m.payload.count("fire_safety") > 0) for m in pending] == [
        (case_id, True),
        (case_id, False),
    ]

    envelope = Envelope.model_validate_json(pending[0].payload)
    with Session(engine) as session:
        assert claim_first_delivery(session, envelope, now=NOW) is True
        session.commit()
    with Session(engine) as session:
        assert claim_first_delivery(session, envelope, now=NOW) is False
