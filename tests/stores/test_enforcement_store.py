"""Enforcement's store and the outbox behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from contracts.envelope import Envelope
from contracts.events import DispatchDepartmentTask, RequestConfirmation, RequestRating
from contracts.vocabulary import Department, IncidentType, TaskOutcome
from enforcement.app import SCHEMA
from enforcement.domain.access import task_scope
from enforcement.domain.filters import CaseFilters, TaskFilters
from enforcement.domain.requests import OnSiteConfirmation, OutcomeReport
from enforcement.service import cases, closure, reports, tasks, whistle
from enforcement.store.repository import SqlEnforcementRepository
from govkit.http import PageParams
from govkit.migrations import upgrade_to_head
from govkit.outbox import OutboxRelay, claim_first_delivery, record_event
from govkit.principal import Principal
from govkit.uow import SqlUnitOfWork
from tests.fast.support import PEOPLE
from tests.support.reports import incident_reported

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


def test_a_grid_reads_its_cases_and_the_notices_meant_for_the_grid_or_the_reporter(engine):
    case_id, grid = str(uuid.uuid4()), PEOPLE["grid_dongtang"]
    colleague = replace(grid, subject="grid-2", username="grid_dongtang_2")
    education, township = PEOPLE["edu_officer"], PEOPLE["township_dongtang"]
    task_id = f"{case_id}:education"

    def subscriber(use_case, message) -> None:
        with (uow := _unit_of_work(engine, NOW)):
            use_case(message, uow)
            uow.commit()

    subscriber(reports.record_report, incident_reported(case_id, reported_at=NOW))
    subscriber(whistle.dispatch_task, _dispatch(case_id, Department.EDUCATION))
    tasks.acknowledge(tasks.OnTask(task_id, education), _unit_of_work(engine, NOW))
    banned = OutcomeReport(outcome=TaskOutcome.BANNED, note="依法取缔")
    tasks.submit_outcome(
        tasks.SubmitOutcome(task_id, education, banned), _unit_of_work(engine, NOW)
    )
    cases.verify_and_close(cases.OnCase(case_id, township), _unit_of_work(engine, NOW))
    confirmation = RequestConfirmation(case_id=case_id, round=1, confirm_by=NOW)
    subscriber(whistle.request_confirmation, confirmation)
    solved = OnSiteConfirmation(solved=True, note="已无培训")
    closure.confirm(closure.Confirm(case_id, grid, solved), _unit_of_work(engine, NOW))
    subscriber(whistle.request_rating, RequestRating(case_id=case_id, round=1, rate_by=NOW))

    with Session(engine) as session:
        repo = SqlEnforcementRepository(session)
        listed = repo.cases(task_scope(grid), CaseFilters(), NOW, PAGE)[0]
        assert [(c.case_id, c.closures, c.confirmation_status) for c in listed] == [
            (case_id, 1, "solved")
        ]
        assert repo.cases(task_scope(PEOPLE["grid_guitang"]), CaseFilters(), NOW, PAGE)[1] == 0

        def kinds(who: Principal) -> list[str]:
            return sorted(n.kind for n in repo.notifications_for(who, PAGE)[0])

        assert kinds(grid) == ["ConfirmationRequested", "RatingRequested"]
        assert kinds(colleague) == ["ConfirmationRequested"]  # the grid's, not the reporter's
        assert kinds(PEOPLE["grid_guitang"]) == []
