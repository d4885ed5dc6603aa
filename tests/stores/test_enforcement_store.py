"""Enforcement's store and the outbox behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from contracts.envelope import Envelope
from contracts.events import DispatchDepartmentTask, TaskAcknowledged
from contracts.vocabulary import Department, IncidentType
from enforcement.app import SCHEMA
from enforcement.domain.access import task_scope
from enforcement.domain.commands import dispatched
from enforcement.store.projection import apply, open_case_if_new
from enforcement.store.queries import list_tasks, timeline_of_case
from govkit.migrations import upgrade_to_head
from govkit.outbox import OutboxRelay, claim_first_delivery, record_event
from govkit.principal import Principal

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


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


def test_tasks_are_scoped_and_the_timeline_is_ordered(engine):
    case_id = str(uuid.uuid4())
    with Session(engine) as session:
        for department in (Department.EDUCATION, Department.MARKET_SUPERVISION):
            command = _dispatch(case_id, department)
            open_case_if_new(session, command, now=NOW)
            apply(session, dispatched(command, now=NOW), event_id=str(uuid.uuid4()), at=NOW)
        session.commit()
        acknowledged = TaskAcknowledged(
            task_id=f"{case_id}:education",
            case_id=case_id,
            department=Department.EDUCATION,
            officer="edu_officer",
            acknowledged_at=NOW + timedelta(minutes=5),
        )
        apply(session, acknowledged, event_id=str(uuid.uuid4()), at=NOW + timedelta(minutes=5))
        session.commit()

        education = Principal(
            "s",
            "edu_officer",
            frozenset({"department_officer"}),
            department="education",
            district="yuhua",
        )
        rows, count = list_tasks(
            session, scope=task_scope(education), status=None, offset=0, limit=10
        )
        assert (count, [(r.department, r.status) for r in rows]) == (
            1,
            [("education", "acknowledged")],
        )
        furong = Principal(
            "s", "x", frozenset({"department_officer"}), department="education", district="furong"
        )
        assert (
            list_tasks(session, scope=task_scope(furong), status=None, offset=0, limit=10)[1] == 0
        )
        kinds = [e.event_type.split(".")[2] for e in timeline_of_case(session, case_id)]
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
