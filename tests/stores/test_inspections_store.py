"""Inspections' store on SQLite and PostgreSQL: migrations, one transaction per change, reach in
the query, and the statistics counted in SQL equal to a plain recompute over the same history."""

from __future__ import annotations

import json
import random

import pytest
from sqlmodel import Session, select

from contracts.envelope import Envelope
from contracts.vocabulary import AccountabilityMeasure
from govkit.calendar import load_calendar
from govkit.errors import Invalid
from govkit.fakes import FakeUnitOfWork
from govkit.handlers import handle_once
from govkit.http import PageParams
from govkit.migrations import unmigrated_changes, upgrade_to_head
from govkit.tables import OutboxMessage
from govkit.uow import SqlUnitOfWork
from inspections.app import SCHEMA
from inspections.domain.inspections import Completion, NewInspection
from inspections.domain.search import UnitFilters
from inspections.handlers import COMMANDS
from inspections.rules import load_checklists, load_rectification_rules
from inspections.service import inspections, orders, units
from inspections.service.common import Rules
from inspections.store.repository import SqlInspectionsRepository
from inspections.store.tables import Finding, Order
from tests.fast.inspections.fakes import FakeInspectionsRepository
from tests.fast.inspections.generated import DISTRICTS, TOWNSHIPS, Clock, generate
from tests.fast.inspections.test_commands import escalation
from tests.fast.inspections.test_statistics import assert_balanced, table
from tests.fast.inspections.world import (
    GUITANG,
    INSPECTOR,
    STAFF_XINGCHEN,
    XINGCHEN,
    build,
    inspect,
)
from tests.fast.support import PEOPLE, envelope_of, sequential_ids

pytestmark = pytest.mark.integration
PAGE = PageParams(offset=0, limit=200)


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules(load_checklists(), load_rectification_rules(), load_calendar())


@pytest.fixture
def database(empty_database):
    upgrade_to_head(empty_database, "inspections", SCHEMA)
    return empty_database


def sql_uow(database, clock=None):
    return SqlUnitOfWork(
        lambda: Session(database, expire_on_commit=False),
        SqlInspectionsRepository,
        source="/services/inspections",
        clock=clock or Clock(),
        new_id=sequential_ids(),
    )


def outbox(database) -> list[str]:
    with Session(database) as session:
        rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.position)).all()
    return [json.loads(r.payload)["type"].split(".")[2] for r in rows]


def test_the_migrations_build_what_the_models_declare(empty_database):
    upgrade_to_head(empty_database, "inspections", SCHEMA)
    assert unmigrated_changes(empty_database, SCHEMA) == []
    upgrade_to_head(empty_database, "inspections", SCHEMA)


def test_an_inspection_its_order_and_its_events_commit_together(database, rules):
    uow = sql_uow(database)
    build(uow)
    new = NewInspection(unit_id=XINGCHEN.institution_id, kind="routine")
    started = inspections.start(inspections.StartInspection(new, INSPECTOR, rules), uow)
    early = inspections.CompleteInspection(started.inspection_id, Completion(), INSPECTOR, rules)
    with pytest.raises(Invalid, match="items without a result"):
        inspections.complete(early, uow)
    assert outbox(database) == []
    done = inspect(uow, rules, XINGCHEN.institution_id, {22: "未用示范合同", 24: "消防通道堵塞"})
    assert outbox(database) == [
        "FindingRecorded",
        "FindingRecorded",
        "InspectionIncidentRaised",
        "RectificationOrderIssued",
        "InspectionCompleted",
    ]
    with Session(database) as session:
        order = session.get(Order, done.order_id)
        findings = session.exec(select(Finding).where(Finding.order_id == done.order_id)).all()
    assert order.deadline.tzinfo is not None and order.number.startswith("yuhua-")
    assert [f.item_no for f in findings] == [22, 24]


def test_reach_is_applied_in_the_query(database, rules):
    uow = sql_uow(database)
    build(uow)
    listed = {u.unit_id for u in units.units(INSPECTOR, UnitFilters(), PAGE, uow)[0]}
    assert GUITANG.institution_id not in listed and len(listed) == 3
    assert units.units(PEOPLE["township_guitang"], UnitFilters(), PAGE, uow)[1] == 1
    assert units.units(PEOPLE["leader_city"], UnitFilters(q="星辰"), PAGE, uow)[1] == 1
    order_id = inspect(uow, rules, XINGCHEN.institution_id, {24: "消防通道堵塞"}).order_id
    assert [o.order_id for o in orders.orders(STAFF_XINGCHEN, None, PAGE, uow)[0]] == [order_id]
    assert orders.orders(PEOPLE["staff_guitang_sports"], None, PAGE, uow)[1] == 0


def test_a_redelivered_workflow_command_is_applied_once(database, rules):
    uow = sql_uow(database)
    build(uow)
    order_id = inspect(uow, rules, XINGCHEN.institution_id, {24: "消防通道堵塞"}).order_id
    command = escalation(order_id, AccountabilityMeasure.SUPERVISION_NOTICE, 1)
    for event_id in ("cmd-1", "cmd-1", "cmd-2"):
        envelope = Envelope.model_validate(envelope_of(command, event_id))
        handle_once(COMMANDS, envelope, sql_uow(database))
    assert outbox(database).count("OrderEscalated") == 1


def test_the_table_counted_in_sql_equals_a_plain_recompute_over_500_inspections(database, rules):
    clock, fake_clock = Clock(), Clock()
    sql = sql_uow(database, clock)
    expected = generate(sql, clock, rules, random.Random(7), count=500)
    fake = FakeUnitOfWork(FakeInspectionsRepository(), clock=fake_clock, new_id=sequential_ids())
    generate(fake, fake_clock, rules, random.Random(7), count=500)
    requests = [{}, {"to": str(expected.last.date())}]
    requests += [{"level": "district", "district": d} for d in DISTRICTS]
    requests += [
        {"level": "township", "district": d, "township": f"{d}-t{t}"}
        for d in DISTRICTS
        for t in range(TOWNSHIPS)
    ]
    for request in requests:
        counted = table(sql, **request)
        assert_balanced(counted)
        assert counted == table(fake, **request), request
    assert table(sql).total.problems_found.total == expected.problems
