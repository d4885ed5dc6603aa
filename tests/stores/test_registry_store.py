"""The registry's store on SQLite and PostgreSQL: one transaction per change, violations once."""

from __future__ import annotations

import itertools
import json
import random
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from govkit.calendar import load_calendar
from govkit.migrations import upgrade_to_head
from govkit.principal import Principal
from govkit.service import Runtime
from govkit.tables import OutboxMessage
from institutions.app import SCHEMA
from institutions.compliance import load_parameters
from institutions.model import InstitutionData
from institutions.registry import Change, RuleBook
from institutions.store import Institution, open_violations, search
from tests.support.registry import compliant_row

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
RULES = RuleBook(load_parameters(), load_calendar())
ADMIN = Principal("s", "admin_user", frozenset({"admin"}))


@pytest.fixture
def runtime(empty_database):
    upgrade_to_head(empty_database, "institutions", SCHEMA)
    ids = itertools.count()
    return Runtime(
        "institutions", empty_database, broker=None, relay=None, new_id=lambda: f"id-{next(ids)}"
    )


def _data(**changes) -> InstitutionData:
    row = compliant_row(random.Random(11), **changes)
    return InstitutionData.model_validate({k: v for k, v in row.items() if v != ""})


def _events(session: Session) -> list[str]:
    rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.position)).all()
    return [json.loads(r.payload)["type"].split(".")[2] for r in rows]


def test_a_violation_is_emitted_once_and_resolved_when_fixed(runtime):
    late = _data(courses="少儿篮球@fri 19:00-21:00 term")
    with runtime.session() as session:
        (row,) = Change(session, runtime, RULES, ADMIN, NOW).register([late])
        session.commit()
        assert _events(session) == ["InstitutionRegistered", "ComplianceViolationFound"]

        # Another edit that leaves the rule broken finds nothing new.
        Change(session, runtime, RULES, ADMIN, NOW).edit(
            row, late.model_copy(update={"name": "星辰篮球"})
        )
        session.commit()
        assert _events(session)[2:] == ["InstitutionChanged"]
        assert [v.rule for v in open_violations(session, row.institution_id)] == ["training_hours"]

        fixed = _data(name="星辰篮球", courses="少儿篮球@fri 18:30-20:30 term")
        Change(session, runtime, RULES, ADMIN, NOW).edit(row, fixed)
        session.commit()
        assert _events(session)[3:] == ["InstitutionChanged", "ComplianceViolationResolved"]
        assert open_violations(session, row.institution_id) == []


def test_search_by_name_code_area_and_list_is_paginated(runtime):
    rng = random.Random(2)
    items = [
        InstitutionData.model_validate(
            {k: v for k, v in compliant_row(rng, name=f"雨花培训{i:02d}", grid=grid).items() if v}
        )
        for i, grid in enumerate(["dongtang-01", "dongtang-02"] * 5)
    ]
    with runtime.session() as session:
        Change(session, runtime, RULES, ADMIN, NOW).register(items)
        session.commit()
        page, count = search(
            session,
            scope={"grid": "dongtang-02"},
            filters={"list_status": "none"},
            text="雨花",
            offset=2,
            limit=2,
        )
        assert count == 5 and [r.name for r in page] == ["雨花培训05", "雨花培训07"]
        by_code, _ = search(
            session, scope=None, filters={}, text=items[0].credit_code.lower(), offset=0, limit=5
        )
        assert [r.name for r in by_code] == ["雨花培训00"]
        assert session.get(Institution, page[0].institution_id).data().grid == "dongtang-02"
