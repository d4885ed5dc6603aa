"""Oversight's facts survive the database unchanged on SQLite and PostgreSQL, and are scoped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from importlib import import_module
from itertools import product

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text
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
from govkit.days import days_between
from govkit.handlers import handle_once
from govkit.migrations import upgrade_to_head
from govkit.principal import Scope
from govkit.tables import ProcessedEvent
from govkit.uow import SqlUnitOfWork
from oversight.app import SCHEMA
from oversight.domain.access import narrowed
from oversight.domain.cells import selection
from oversight.domain.facts import CaseFacts, Facts, Rating, TaskFacts, evolve
from oversight.domain.metrics import GroupBy, grouped_sums, sums_of
from oversight.domain.query import MetricsQuery
from oversight.handlers import CASES
from oversight.store.repository import SqlOversightRepository
from oversight.store.tables import metric_cells
from tests.support.timelines import generate_timelines

pytestmark = pytest.mark.integration
SHANGHAI = timezone(timedelta(hours=8))
T0 = datetime(2026, 11, 16, 10, 0, tzinfo=SHANGHAI)
FIRE = IncidentType.FIRE_HAZARD
DAY = timedelta(days=1)
SECOND_WEEK = (T0 + 7 * DAY).date()
CELL_SCOPES = (
    Scope(),
    Scope(district="yuhua"),
    Scope(district="yuhua", township="guitang"),
    Scope(district="yuhua", department="education"),
)


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
        """(tasks, cases) the query counts, and the groups by department it shows."""
        with Session(engine) as session:
            groups, total = SqlOversightRepository(session).metric_sums(
                narrowed(Scope(**scope), district=district),
                MetricsQuery(group_by=GroupBy.DEPARTMENT, **query),
            )
        return (total.tasks, total.cases_total), [group for group, _ in groups]

    assert select({}) == ((3, 3), ["education", "fire_safety"])
    assert select({}, district="furong") == ((1, 1), ["education"])
    assert select({"district": "yuhua", "department": "education"}) == ((1, 1), ["education"])
    assert select({"district": "yuhua", "township": "guitang"}) == ((1, 1), ["fire_safety"])
    # A district filter never widens a district officer's scope.
    assert select({"district": "yuhua"}, district="furong") == ((0, 0), [])
    assert select({}, from_week="2026-W48") == ((0, 0), [])
    assert select({}, from_week="2026-W47", to_week="2026-W47")[0] == (3, 3)
    day = T0.date().isoformat()
    assert select({}, opened_from=day, opened_to=day)[0] == (3, 3)
    assert select({}, opened_to="2026-11-01") == ((0, 0), [])
    assert select({}, incident_type="fire_hazard") == ((1, 1), ["fire_safety"])


def test_the_databases_sums_equal_the_domains_over_random_timelines(engine):
    """Every figure the database sums equals the domain's definition (`sums_of`) over the same
    facts: escalations, disputes, releases, rework, closures, re-openings, ratings."""
    timelines = generate_timelines(seed=47, cases=120, start=T0, weeks=3, prefix="sum")
    facts: dict[str, Facts] = {}
    with Session(engine) as session:
        repo = SqlOversightRepository(session)
        for timeline in timelines:
            folded = _fold(*timeline.events)
            repo.save(Facts(), folded)
            facts[timeline.case_id] = folded
        session.commit()
    tasks = [task for folded in facts.values() for task in folded.tasks.values()]
    cases = {case_id: folded.case for case_id, folded in facts.items() if folded.case}
    assert any(c.closed_at for c in cases.values()) and any(t.rework_count for t in tasks)
    for group_by in GroupBy:
        with Session(engine) as session:
            groups, total = SqlOversightRepository(session).metric_sums(
                Scope(), MetricsQuery(group_by=group_by)
            )
        assert groups == grouped_sums(tasks, cases, group_by)
        assert total == sums_of(tasks, cases)


@pytest.fixture
def folded_event_by_event(engine) -> tuple[list[TaskFacts], dict[str, CaseFacts]]:
    """Random timelines folded one event per transaction, as the consumer folds them."""
    timelines = generate_timelines(seed=53, cases=80, start=T0, weeks=3, prefix="cell")
    facts = [store(engine, *timeline.events) for timeline in timelines]
    tasks = [task for folded in facts for task in folded.tasks.values()]
    return tasks, {f.case.case_id: f.case for f in facts if f.case is not None}


def test_the_cells_kept_by_the_consumer_answer_as_the_tasks_do(folded_event_by_event, engine):
    """Every query the cells answer (scope, department, incident type, each grouping) gives the
    domain's sums over the same tasks. Dated queries are read from the tasks, and agree too: a
    week range taking every task, and the cases opened from the second week on."""
    tasks, cases = folded_event_by_event
    later, _ = days_between(SECOND_WEEK, None)
    assert 0 < sum(cases[t.case_id].opened_at >= later for t in tasks) < len(tasks)
    for scope, incident_type, group_by in product(CELL_SCOPES, [None, FIRE], GroupBy):
        query = MetricsQuery(group_by=group_by, incident_type=incident_type)
        by_week = query.model_copy(update={"from_week": "2026-W01"})
        by_opening = query.model_copy(update={"opened_from": SECOND_WEEK})
        assert selection(scope, query) is not None and selection(scope, by_week) is None
        chosen = [t for t in tasks if scope.admits(t) and incident_type in (None, t.incident_type)]
        opened_later = [t for t in chosen if cases[t.case_id].opened_at >= later]
        for asked, expected in ((query, chosen), (by_week, chosen), (by_opening, opened_later)):
            with Session(engine) as session:
                groups, total = SqlOversightRepository(session).metric_sums(scope, asked)
            assert groups == grouped_sums(expected, cases, group_by)
            assert total == sums_of(expected, cases)


def test_the_migrations_fill_makes_the_cells_the_consumer_keeps(folded_event_by_event, engine):
    migration = import_module("oversight.migrations.oversight_0006_metric_cells")
    with engine.begin() as connection:
        kept = _cells(connection)
        with Operations.context(MigrationContext.configure(connection)):
            migration.downgrade()
            migration.upgrade()
        assert _cells(connection) == kept
    assert {kind for kind, *_ in kept} == {"department", "township", "week", "all"}


def _cells(connection) -> set[tuple]:
    return {tuple(row) for row in connection.execute(select(metric_cells))}


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


def test_rows_from_before_the_microsecond_columns_get_them_from_their_moments(engine):
    acknowledged = TaskAcknowledged(
        task_id="c8:education",
        case_id="c8",
        department=Department.EDUCATION,
        officer="edu_officer",
        acknowledged_at=T0 + timedelta(minutes=12, microseconds=7),
    )
    closed = CaseClosed(case_id="c8", incident_id="c8", verified_by="t", closed_at=T0 + DAY)
    store(engine, dispatched("c8", Department.EDUCATION, "dongtang"), acknowledged, closed)
    migration = import_module("oversight.migrations.oversight_0005_moments_as_microseconds")
    with engine.begin() as connection:
        with Operations.context(MigrationContext.configure(connection)):
            before = _micros(connection)
            migration.downgrade()
            migration.upgrade()
        assert _micros(connection) == before
    dispatched_us, acknowledged_us, closed_us = before
    assert acknowledged_us - dispatched_us == 12 * 60 * 1_000_000 + 7
    assert closed_us - dispatched_us == 24 * 3600 * 1_000_000


def _micros(connection) -> tuple[int, int, int]:
    query = "SELECT dispatched_us, acknowledged_us, closed_us FROM task_facts JOIN case_facts"
    return tuple(connection.execute(text(query + " USING (case_id)")).one())
