"""The registry's store on SQLite and PostgreSQL: one transaction per change, violations once."""

from __future__ import annotations

import itertools
import json
import random
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from govkit.http import PageParams
from govkit.migrations import upgrade_to_head
from govkit.principal import Principal, Scope
from govkit.tables import OutboxMessage
from govkit.uow import SqlUnitOfWork
from institutions import service
from institutions.app import SCHEMA
from institutions.domain.model import InstitutionData, ListStatus, State
from institutions.domain.search import SearchFilters
from institutions.rules import load_rule_book
from institutions.store.repository import SqlRegistryRepository
from institutions.store.tables import Institution, OpenViolation
from tests.support.registry import compliant_row

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
RULES = load_rule_book()
ADMIN = Principal("s", "admin_user", frozenset({"admin"}))


@pytest.fixture
def database(empty_database):
    upgrade_to_head(empty_database, "institutions", SCHEMA)
    return empty_database


@pytest.fixture
def uow(database):
    ids = itertools.count()
    return SqlUnitOfWork(
        lambda: Session(database, expire_on_commit=False),
        SqlRegistryRepository,
        source="/services/institutions",
        clock=lambda: NOW,
        new_id=lambda: f"id-{next(ids)}",
    )


def _data(**changes) -> InstitutionData:
    row = compliant_row(random.Random(11), **{"state": "pending"} | changes)
    return InstitutionData.model_validate({k: v for k, v in row.items() if v != ""})


def _events(database) -> list[str]:
    with Session(database) as session:
        rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.position)).all()
    return [json.loads(r.payload)["type"].split(".")[2] for r in rows]


def _open_violations(database, row: Institution) -> list[OpenViolation]:
    with Session(database) as session:
        return SqlRegistryRepository(session).open_violations(row.institution_id)


def _edit(uow, row: Institution, data: InstitutionData) -> None:
    service.edit(service.EditInstitution(row.institution_id, data, ADMIN, RULES), uow)


def test_a_violation_is_emitted_once_and_resolved_when_fixed(database, uow):
    late = _data(courses="少儿篮球@fri 19:00-21:00 term")
    row = service.register(service.RegisterInstitution(late, ADMIN, RULES), uow)
    assert _events(database) == ["InstitutionRegistered", "ComplianceViolationFound"]

    # Another edit that leaves the rule broken finds nothing new.
    _edit(uow, row, late.model_copy(update={"name": "星辰篮球"}))
    assert _events(database)[2:] == ["InstitutionChanged"]
    assert [v.rule for v in _open_violations(database, row)] == ["training_hours"]

    fixed = _data(name="星辰篮球", courses="少儿篮球@fri 18:30-20:30 term")
    _edit(uow, row, fixed)
    assert _events(database)[3:] == ["InstitutionChanged", "ComplianceViolationResolved"]
    assert _open_violations(database, row) == []


def test_search_by_name_code_area_and_list_is_paginated(database, uow):
    rng = random.Random(2)
    items = [
        InstitutionData.model_validate(
            {k: v for k, v in compliant_row(rng, name=f"雨花培训{i:02d}", grid=grid).items() if v}
        )
        for i, grid in enumerate(["dongtang-01", "dongtang-02"] * 5)
    ]
    for item in items:
        service.register(service.RegisterInstitution(item, ADMIN, RULES), uow)
    with Session(database) as session:
        repository = SqlRegistryRepository(session)
        page, count = repository.search(
            Scope(grid="dongtang-02"),
            SearchFilters(list_status=ListStatus.NONE, q="雨花"),
            PageParams(offset=2, limit=2),
        )
        assert count == 5 and [r.name for r in page] == ["雨花培训05", "雨花培训07"]
        by_code, _ = repository.search(
            Scope(), SearchFilters(q=items[0].credit_code.lower()), PageParams(offset=0, limit=5)
        )
        assert [r.name for r in by_code] == ["雨花培训00"]
        assert session.get(Institution, page[0].institution_id).data().grid == "dongtang-02"


def test_search_text_is_matched_literally_not_as_a_like_pattern(database, uow):
    rng = random.Random(3)
    for name in ("100%达标培训", "雨花_培训", "雨花A培训"):
        item = {k: v for k, v in compliant_row(rng, name=name).items() if v}
        data = InstitutionData.model_validate(item)
        service.register(service.RegisterInstitution(data, ADMIN, RULES), uow)
    with Session(database) as session:
        repository = SqlRegistryRepository(session)
        everything = PageParams(offset=0, limit=10)
        for q, names in (("%", ["100%达标培训"]), ("_", ["雨花_培训"]), ("0%达", ["100%达标培训"])):
            found, _ = repository.search(Scope(), SearchFilters(q=q), everything)
            assert [r.name for r in found] == names, q


def test_a_ban_commits_the_black_list_entry_with_the_state_and_its_event(database, uow):
    white = {"list_status": "white", "list_reason": "证照齐全", "list_date": "2026-09-01"}
    row = service.register(service.RegisterInstitution(_data(**white), ADMIN, RULES), uow)
    ban = service.ChangeLifecycle(
        row.institution_id, State.BANNED, "无证办学，依法取缔", ADMIN, RULES
    )
    service.change_lifecycle(ban, uow)
    with Session(database) as session:
        stored = session.get(Institution, row.institution_id).data()
    assert (stored.state, stored.list_status, stored.list_reason, str(stored.list_date)) == (
        "banned",
        "black",
        "无证办学，依法取缔",
        "2026-11-20",
    )
    assert _events(database)[-1] == "InstitutionLifecycleChanged"
