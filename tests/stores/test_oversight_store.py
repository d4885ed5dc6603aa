"""Oversight's facts survive the database unchanged on SQLite and PostgreSQL, and are scoped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from importlib import import_module

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import Session

from contracts.envelope import Envelope
from contracts.events import (
    CaseClosed,
    CaseRated,
    DepartmentTaskDispatched,
    ResolutionConfirmed,
    TaskAcknowledged,
    TaskEscalated,
)
from contracts.vocabulary import Department, IncidentType, Satisfaction
from govkit.handlers import handle_once
from govkit.migrations import upgrade_to_head
from govkit.principal import Scope
from govkit.tables import ProcessedEvent
from govkit.uow import SqlUnitOfWork
from oversight.app import SCHEMA
from oversight.domain.access import narrowed
from oversight.domain.facts import Facts, Rating, evolve
from oversight.domain.metrics import GroupBy
from oversight.domain.query import MetricsQuery
from oversight.handlers import CASES
from oversight.store.repository import SqlOversightRepository

pytestmark = pytest.mark.integration
SHANGHAI = timezone(timedelta(hours=8))
T0 = datetime(2026, 11, 16, 10, 0, tzinfo=SHANGHAI)
FIRE = IncidentType.FIRE_HAZARD


@pytest.fixture
def engine(empty_database):
    upgrade_to_head(empty_database, "oversight", SCHEMA)
    return empty_database


def dispatched(
    case_id: str,
    department: Department,
    township: str,
    district: str = "yuhua",
    incident_type: IncidentType | None = None,
):
    return DepartmentTaskDispatched(
        incident_type=incident_type,
        task_id=f"{case_id}:{department}",
        case_id=case_id,
        department=department,
        district=district,
        township=township,
        acknowledge_by=T0 + timedelta(minutes=30),
        handle_by=T0 + timedelta(days=3),
        dispatched_at=T0,
    )


def store(engine, *events) -> Facts:
    """Fold `events` of one case event by event through the database, as the consumer does."""
    for event in events:
        with Session(engine) as session:
            repo = SqlOversightRepository(session)
            before = repo.facts(event.case_id)
            repo.save(before, evolve(before, event))
            session.commit()
    with Session(engine) as session:
        return SqlOversightRepository(session).facts(events[0].case_id)


def test_facts_round_trip_exactly_with_aware_utc_times(engine):
    events = (
        dispatched("c1", Department.EDUCATION, "dongtang"),
        dispatched("c1", Department.MARKET_SUPERVISION, "dongtang"),
        TaskAcknowledged(
            task_id="c1:education",
            case_id="c1",
            department=Department.EDUCATION,
            officer="edu_officer",
            acknowledged_at=T0 + timedelta(minutes=30),
        ),
    )
    stored = store(engine, *events)
    assert stored == _fold(*events)
    education = stored.tasks["c1:education"]
    assert education.acknowledged_at.tzinfo == UTC
    assert (education.acknowledged_on_time, education.week) == (True, "2026-W47")


def test_a_closures_confirmation_and_rating_round_trip(engine):
    closed_at = T0 + timedelta(days=1)
    events = (
        dispatched("c1", Department.EDUCATION, "dongtang"),
        CaseClosed(case_id="c1", incident_id="c1", verified_by="t", closed_at=closed_at),
        ResolutionConfirmed(
            case_id="c1", round=1, solved=True, note="已核查", confirmed_by="g", confirmed_at=T0
        ),
        CaseRated(
            case_id="c1",
            round=1,
            satisfaction=Satisfaction.BASICALLY_SATISFIED,
            rated_by="g",
            rated_at=T0,
        ),
    )
    stored = store(engine, *events)
    assert stored == _fold(*events)
    assert (stored.case.solved, stored.case.rating) == (True, Rating.BASICALLY_SATISFIED)


def _fold(*events) -> Facts:
    facts = Facts()
    for event in events:
        facts = evolve(facts, event)
    return facts


def test_scope_and_filters_select_tasks_and_their_cases(engine):
    store(engine, dispatched("c1", Department.EDUCATION, "dongtang"))
    store(engine, dispatched("c2", Department.FIRE_SAFETY, "guitang", incident_type=FIRE))
    store(engine, dispatched("c3", Department.EDUCATION, "dingwangtai", district="furong"))

    def select(scope, district=None, **query):
        with Session(engine) as session:
            tasks, cases = SqlOversightRepository(session).facts_in_scope(
                narrowed(Scope(**scope), district=district),
                MetricsQuery(group_by=GroupBy.WEEK, **query),
            )
        return sorted(t.task_id for t in tasks), sorted(cases)

    assert select({}) == (
        ["c1:education", "c2:fire_safety", "c3:education"],
        ["c1", "c2", "c3"],
    )
    assert select({}, district="furong") == (["c3:education"], ["c3"])
    assert select({"district": "yuhua", "department": "education"}) == (["c1:education"], ["c1"])
    assert select({"district": "yuhua", "township": "guitang"}) == (["c2:fire_safety"], ["c2"])
    # A district filter never widens a district officer's scope.
    assert select({"district": "yuhua"}, district="furong") == ([], [])
    assert select({}, from_week="2026-W48") == ([], [])
    assert select({}, from_week="2026-W47", to_week="2026-W47")[1] == ["c1", "c2", "c3"]
    day = T0.date().isoformat()
    assert select({}, opened_from=day, opened_to=day)[1] == ["c1", "c2", "c3"]
    assert select({}, opened_to="2026-11-01") == ([], [])
    assert select({}, incident_type="fire_hazard") == (["c2:fire_safety"], ["c2"])


def test_a_redelivered_event_changes_nothing_and_an_unknown_type_is_passed_over(engine):
    def fold_event(envelope):
        """As the consumer does: the event's use case and its delivery mark in one transaction."""
        uow = SqlUnitOfWork(lambda: Session(engine), SqlOversightRepository, source="/test")
        handle_once(CASES, envelope, uow)

    escalation = TaskEscalated(
        escalation_id="e1",
        task_id="c9:education",
        case_id="c9",
        department=Department.EDUCATION,
        level=1,
        reason="未按时报到",
        escalated_at=T0 + timedelta(minutes=31),
    )
    for event in (dispatched("c9", Department.EDUCATION, "dongtang"), escalation, escalation):
        envelope = Envelope(
            id=getattr(event, "escalation_id", "d1"),
            source="/test",
            type=event.EVENT_TYPE,
            time=T0,
            subject=event.case_id,
            data=event.model_dump(mode="json"),
        )
        fold_event(envelope)
    newer = envelope.model_copy(update={"id": "n1", "type": "gov.enforcement.Newer.v1"})
    skipped = CASES.skipped[newer.type]
    fold_event(newer)
    with Session(engine) as session:
        assert SqlOversightRepository(session).facts("c9").tasks["c9:education"].escalations == 1
        # The one rule for a type nobody handles: counted and skipped, and not marked handled,
        # so a later version that understands it can still fold it on a replay of the topic.
        assert CASES.skipped[newer.type] == skipped + 1
        assert session.get(ProcessedEvent, "n1") is None


def test_a_stored_handled_end_state_becomes_closed_and_back(engine):
    closed = CaseClosed(case_id="c9", incident_id="c9", verified_by="t", closed_at=T0)
    store(engine, dispatched("c9", Department.EDUCATION, "dongtang"), closed)
    migration = import_module("oversight.migrations.oversight_0002_task_end_state_closed")
    with engine.begin() as connection:
        with Operations.context(MigrationContext.configure(connection)):
            migration.downgrade()
            assert _end_states(connection) == ["handled"]
            migration.upgrade()
        assert _end_states(connection) == ["closed"]


def _end_states(connection) -> list[str]:
    return list(connection.execute(text("SELECT end_state FROM task_facts")).scalars())
