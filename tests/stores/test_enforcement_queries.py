"""Enforcement's SQL answers finding questions as the rules say, on SQLite and PostgreSQL:
filters, overdue, the report first in the timeline, and stored `handled` rows migrated."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from importlib import import_module
from types import SimpleNamespace

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import Session, col, select

from contracts.events import DispatchDepartmentTask, RecordEscalation
from contracts.vocabulary import Department, IncidentType, TaskStatus
from enforcement.app import SCHEMA
from enforcement.data import load_accountability_rule
from enforcement.domain.filters import CaseFilters, TaskFilters, overdue
from enforcement.domain.states import PauseState
from enforcement.service import reports, whistle
from enforcement.store.repository import SqlEnforcementRepository
from enforcement.store.tables import Case, DepartmentTask
from govkit.http import PageParams
from govkit.migrations import upgrade_to_head
from govkit.principal import CITY, Scope
from govkit.queries import page_of
from govkit.uow import SqlUnitOfWork
from tests.support.reports import incident_reported

pytestmark = pytest.mark.integration
MONDAY = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in Changsha
PAGE = PageParams(offset=0, limit=50)
MIGRATION = "enforcement.migrations.enforcement_0002_case_report_and_task_statuses"


@pytest.fixture
def engine(empty_database):
    upgrade_to_head(empty_database, "enforcement", SCHEMA)
    return empty_database


def _uow(engine, at: datetime) -> SqlUnitOfWork:
    return SqlUnitOfWork(
        lambda: Session(engine, expire_on_commit=False),
        SqlEnforcementRepository,
        source="/test",
        clock=lambda: at,
    )


def _dispatch(engine, case_id: str, department: str, at: datetime, **case) -> None:
    command = DispatchDepartmentTask(
        task_id=f"{case_id}:{department}",
        case_id=case_id,
        incident_id=case_id,
        incident_type=case.get("incident_type", IncidentType.UNLICENSED_SCHOOL),
        department=Department(department),
        district=case.get("district", "yuhua"),
        township=case.get("township", "dongtang"),
        grid="g-01",
        summary="【测试】",
        acknowledge_by=at + timedelta(minutes=30),
        handle_by=at + timedelta(days=1),
    )
    with (uow := _uow(engine, at)):
        whistle.dispatch_task(command, uow)
        uow.commit()


def _set(engine, task_id: str, **values) -> None:
    with Session(engine) as session:
        task = session.get(DepartmentTask, task_id)
        for name, value in values.items():
            setattr(task, name, value)
        session.add(task)
        session.commit()


def test_tasks_and_cases_are_filtered_inside_the_scope(engine):
    _dispatch(engine, "c-a", "education", MONDAY)
    _dispatch(engine, "c-a", "market_supervision", MONDAY)
    fire = {"incident_type": IncidentType.FIRE_HAZARD, "township": "guitang"}
    _dispatch(engine, "c-b", "fire_safety", MONDAY + timedelta(days=2), **fire)
    _set(engine, "c-a:market_supervision", status="acknowledged", pause_state="requested")
    with Session(engine) as session:
        repo = SqlEnforcementRepository(session)

        def tasks(scope=CITY, **filters) -> list[str]:
            rows, count = repo.tasks(scope, TaskFilters(**filters), MONDAY, PAGE)
            assert count == len(rows)
            return sorted(r.task_id for r in rows)

        def cases(scope=CITY, **filters) -> list[str]:
            return sorted(
                c.case_id for c in repo.cases(scope, CaseFilters(**filters), MONDAY, PAGE)[0]
            )

        assert tasks(case_id="c-a") == ["c-a:education", "c-a:market_supervision"]
        assert tasks(department=Department.FIRE_SAFETY) == ["c-b:fire_safety"]
        assert tasks(pause_state=PauseState.REQUESTED) == ["c-a:market_supervision"]
        assert tasks(incident_type=IncidentType.FIRE_HAZARD) == ["c-b:fire_safety"]
        assert tasks(dispatched_from=date(2026, 11, 24)) == ["c-b:fire_safety"]
        assert tasks(dispatched_to=date(2026, 11, 23), department=Department.EDUCATION) == [
            "c-a:education"
        ]
        education = Scope.bounded(department="education", district="yuhua")
        assert tasks(education, department=Department.FIRE_SAFETY) == []
        assert cases(township="guitang") == ["c-b"]
        assert cases(department=Department.MARKET_SUPERVISION) == ["c-a"]
        assert cases(incident_type=IncidentType.FIRE_HAZARD, opened_from=date(2026, 11, 25)) == [
            "c-b"
        ]
        assert cases(education, township="guitang") == []
        assert cases(education, department=Department.MARKET_SUPERVISION) == ["c-a"]
        assert cases(Scope.bounded(township="dongtang"), department=Department.FIRE_SAFETY) == []


def test_an_institutions_cases_are_found_inside_the_scope_only(engine):
    _dispatch(engine, "c-a", "education", MONDAY)
    _dispatch(engine, "c-b", "fire_safety", MONDAY)
    _dispatch(engine, "c-c", "fire_safety", MONDAY)
    with Session(engine) as session:
        for case_id in ("c-a", "c-b"):
            case = session.get(Case, case_id)
            case.institution_id = "inst-1"
            session.add(case)
        session.commit()
        repo = SqlEnforcementRepository(session)

        def cases(scope=CITY) -> list[str]:
            found = repo.cases(scope, CaseFilters(institution_id="inst-1"), MONDAY, PAGE)[0]
            return sorted(c.case_id for c in found)

        assert cases() == ["c-a", "c-b"]
        assert cases(Scope.bounded(department="education", district="yuhua")) == ["c-a"]


def test_overdue_in_sql_is_the_domains_rule(engine):
    states = {
        "late-ack": {},
        "acked": {"status": "acknowledged"},
        "late-handle": {"status": "acknowledged", "handle_by": MONDAY},
        "paused": {"status": "acknowledged", "handle_by": MONDAY, "pause_state": "paused"},
        "asking": {"status": "acknowledged", "handle_by": MONDAY, "pause_state": "requested"},
        "disputed": {"status": "disputed"},
        "fed-back": {"status": "fed_back", "handle_by": MONDAY},
        "no-handle-by": {"status": "acknowledged", "handle_by": None},
        "at-deadline": {"acknowledge_by": MONDAY + timedelta(hours=1)},
    }
    for case_id, values in states.items():
        _dispatch(engine, case_id, "education", MONDAY)
        _set(engine, f"{case_id}:education", **values)
    now = MONDAY + timedelta(hours=1)
    fresh = {
        "status": "dispatched",
        "pause_state": "none",
        "acknowledge_by": MONDAY + timedelta(minutes=30),
        "handle_by": MONDAY + timedelta(days=1),
    }
    expected = {
        name for name, values in states.items() if overdue(SimpleNamespace(**fresh | values), now)
    }
    with Session(engine) as session:
        repo = SqlEnforcementRepository(session)
        late = repo.tasks(CITY, TaskFilters(overdue=True), now, PAGE)[0]
        in_time = repo.tasks(CITY, TaskFilters(overdue=False), now, PAGE)[0]
        late_cases = repo.cases(CITY, CaseFilters(overdue=True), now, PAGE)[0]
        cases_in_time = repo.cases(CITY, CaseFilters(overdue=False), now, PAGE)[0]
    assert {t.case_id for t in late} == expected == {"late-ack", "late-handle", "asking"}
    assert {t.case_id for t in in_time} == set(states) - expected
    assert {c.case_id for c in late_cases} == expected
    assert {c.case_id for c in cases_in_time} == set(states) - expected


def test_a_districts_overdue_cases_are_read_from_its_own_tasks(engine):
    """The overdue filter reads the late tasks of the district the cases are narrowed to, and
    the cases by those tasks alone: a late task of another district neither adds its case nor
    hides the district's own."""
    _dispatch(engine, "c-yuhua-late", "education", MONDAY)
    _dispatch(engine, "c-yuhua-on-time", "education", MONDAY + timedelta(hours=1))
    _dispatch(engine, "c-furong-late", "education", MONDAY, district="furong", township="x")
    now = MONDAY + timedelta(hours=1)
    with Session(engine) as session:
        repo = SqlEnforcementRepository(session)

        def cases(scope, **filters) -> list[str]:
            found = repo.cases(scope, CaseFilters(**filters), now, PAGE)[0]
            return sorted(c.case_id for c in found)

        yuhua = Scope.bounded(district="yuhua")
        assert cases(yuhua, overdue=True) == ["c-yuhua-late"]
        assert cases(yuhua, overdue=False) == ["c-yuhua-on-time"]
        assert cases(CITY, overdue=True, district="furong") == ["c-furong-late"]
        assert cases(yuhua, overdue=True, district="furong") == []
        education = Scope.bounded(department="education", district="furong")
        assert cases(education, overdue=True) == ["c-furong-late"]


def test_export_pages_go_through_every_case_once_newest_first(engine):
    """Keyset pages: cases opened at the same moment are neither lost nor repeated."""
    for case_id in ("c-1", "c-2", "c-3"):
        _dispatch(engine, case_id, "education", MONDAY)
    _dispatch(engine, "c-4", "fire_safety", MONDAY + timedelta(hours=1))
    with Session(engine) as session:
        repo = SqlEnforcementRepository(session)
        seen, after = [], None
        while page := repo.cases_after(CITY, CaseFilters(), MONDAY, after, 2):
            seen += [c.case_id for c in page]
            after = (page[-1].opened_at, page[-1].case_id)
        departments = [t.department for t in repo.tasks_of_cases(["c-1", "c-4"])]
    assert seen == ["c-4", "c-3", "c-2", "c-1"]
    assert departments == ["education", "fire_safety"]


def test_the_report_is_the_first_entry_whenever_it_arrives(engine):
    _dispatch(engine, "c-r", "education", MONDAY)
    report = incident_reported("c-r", reported_at=MONDAY - timedelta(minutes=2))
    for _ in range(2):
        with (uow := _uow(engine, MONDAY + timedelta(hours=1))):
            reports.record_report(report, uow)
            uow.commit()
    with Session(engine) as session:
        repo = SqlEnforcementRepository(session)
        kinds = [e.event_type.split(".")[2] for e in repo.timeline_of_case("c-r")]
        case = repo.case("c-r")
    assert kinds == ["IncidentReported", "DepartmentTaskDispatched"]
    assert (case.reporter, _utc(case.reported_at), case.location) == (
        "grid_dongtang",
        report.reported_at,
        report.location,
    )


def _utc(moment: datetime) -> datetime:
    """SQLite hands a timestamp back without its zone (govkit's utc_column); it was UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def test_stored_handled_tasks_become_fed_back_or_closed_and_back(engine):
    for case_id in ("c-open", "c-closed"):
        _dispatch(engine, case_id, "education", MONDAY)
        _set(engine, f"{case_id}:education", status=TaskStatus.FED_BACK.value)
    migration = import_module(MIGRATION)
    with engine.begin() as connection:
        connection.execute(text("UPDATE cases SET status = 'closed' WHERE case_id = 'c-closed'"))
        with Operations.context(MigrationContext.configure(connection)):
            migration.downgrade()
            assert _statuses(connection) == {"c-open": "handled", "c-closed": "handled"}
            migration.upgrade()
        assert _statuses(connection) == {"c-open": "fed_back", "c-closed": "closed"}


def _statuses(connection) -> dict[str, str]:
    rows = connection.execute(text("SELECT case_id, status FROM department_tasks"))
    return dict(rows.all())


def test_missed_deadlines_and_escalations_are_found_per_department_in_sql(engine):
    """Oversight's overdue and escalated cases: a task of the department asked for (and in
    the caller's scope) missed a deadline, or stands at rung 2 or higher."""
    _dispatch(engine, "c-a", "education", MONDAY)
    _dispatch(engine, "c-a", "market_supervision", MONDAY)
    _dispatch(engine, "c-b", "fire_safety", MONDAY, township="guitang")
    for level in (1, 2):
        with (uow := _uow(engine, MONDAY + timedelta(hours=level))):
            whistle.record_escalation(
                RecordEscalation(
                    escalation_id=f"esc-{level}",
                    task_id="c-a:market_supervision",
                    case_id="c-a",
                    level=level,
                    reason="未在时限内报到",
                    missed_deadline=MONDAY + timedelta(minutes=30),
                ),
                uow,
                rule=load_accountability_rule(),
            )
            uow.commit()
    with Session(engine) as session:
        repo = SqlEnforcementRepository(session)

        def cases(scope=CITY, **filters) -> list[str]:
            return sorted(
                c.case_id for c in repo.cases(scope, CaseFilters(**filters), MONDAY, PAGE)[0]
            )

        assert cases(missed_deadline=True) == ["c-a"]
        assert cases(missed_deadline=False) == ["c-b"]
        assert cases(escalated=True) == ["c-a"]
        assert cases(escalated=True, department=Department.EDUCATION) == []
        assert cases(missed_deadline=True, department=Department.MARKET_SUPERVISION) == ["c-a"]
        education = Scope.bounded(department="education", district="yuhua")
        assert cases(education) == ["c-a"]
        assert cases(education, missed_deadline=True) == []
        assert cases(Scope.bounded(township="dongtang"), missed_deadline=True) == ["c-a"]
        assert cases(Scope.bounded(township="guitang", grid="g-01"), escalated=True) == []
        assert cases(district="yuhua") == ["c-a", "c-b"]
        assert cases(district="furong") == []


def test_a_long_list_is_counted_no_further_than_its_cap(engine):
    for n in range(4):
        _dispatch(engine, f"capped-{n}", "education", MONDAY + timedelta(minutes=n))
    newest_first = col(Case.opened_at).desc()
    with Session(engine) as session:
        rows, capped = page_of(
            session, select(Case), newest_first, PageParams(offset=0, limit=2), count_up_to=2
        )
        _, exact = page_of(session, select(Case), newest_first, PAGE)
    assert [case.case_id for case in rows] == ["capped-3", "capped-2"]
    assert (capped, exact) == (3, 4)  # one past the cap is enough to say "more"
