"""Risk's store on SQLite and PostgreSQL: a bank batch and its events in one transaction, a
rejected batch writing nothing, the board's reach applied in the query, and a redelivered event
changing nothing. (That the migrations build what the models declare is test_migrations.py's.)"""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, func, select

from contracts.envelope import Envelope
from govkit.handlers import handle_once
from govkit.http import PageParams
from govkit.migrations import upgrade_to_head
from govkit.tables import OutboxMessage
from govkit.uow import SqlUnitOfWork
from risk.app import SCHEMA
from risk.domain.board import BoardFilter
from risk.handlers import REGISTRY
from risk.service import banking, board
from risk.store.repository import SqlRiskRepository
from risk.store.tables import BankBatchRecord, LedgerDay, RiskInstitution, RiskSignal
from tests.fast.risk.test_use_cases import day, registered, sent, supervised, violation
from tests.fast.support import PEOPLE, T0, envelope_of, sequential_ids

pytestmark = pytest.mark.integration
PAGE = PageParams(offset=0, limit=50)


@pytest.fixture
def database(empty_database):
    upgrade_to_head(empty_database, "risk", SCHEMA)
    return empty_database


@pytest.fixture
def uow(database):
    """A fresh SQL unit of work per call, sharing one clock and one id sequence."""
    ids = sequential_ids()

    def make() -> SqlUnitOfWork[SqlRiskRepository]:
        return SqlUnitOfWork(
            lambda: Session(database, expire_on_commit=False),
            SqlRiskRepository,
            source="/services/risk",
            clock=lambda: T0,
            new_id=ids,
        )

    return make


def outbox(database) -> list[str]:
    with Session(database) as session:
        rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.position)).all()
    return [json.loads(r.payload)["type"].split(".")[2] for r in rows]


def count(database, table: type) -> int:
    with Session(database) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def test_a_bank_batch_its_ledger_and_its_events_commit_together(database, uow):
    registered(uow())
    supervised(uow())
    supervised(uow())  # the same agreement again (a PUT) changes nothing
    assert sent(uow(), "b-1", day(balance=42_000)).replayed is False
    assert outbox(database) == ["RiskIncidentRaised", "RiskLevelChanged"]
    with Session(database) as session:
        institution = session.get(RiskInstitution, "inst-1")
        [ledger_day] = session.exec(select(LedgerDay)).all()
    assert (institution.level, institution.balance_yuan, institution.episode_id) == (
        "red",
        42_000,
        "id-1",
    )
    assert (ledger_day.batch_id, ledger_day.institution_id) == ("b-1", "inst-1")
    assert sent(uow(), "b-1", day(balance=42_000)).replayed is True
    assert outbox(database) == ["RiskIncidentRaised", "RiskLevelChanged"]
    assert count(database, LedgerDay) == 1


def test_a_rejected_batch_writes_nothing(database, uow):
    registered(uow())
    supervised(uow())
    bad = (day(balance=42_000), day(balance="lots", day="2026-11-21"))
    with pytest.raises(banking.BatchRejected):
        sent(uow(), "b-1", *bad)
    assert (count(database, LedgerDay), count(database, BankBatchRecord)) == (0, 0)
    assert count(database, RiskSignal) == 0 and outbox(database) == []
    with Session(database) as session:
        assert session.get(RiskInstitution, "inst-1").prepaid_received_yuan == 0


def test_the_boards_reach_is_applied_in_the_query(uow):
    registered(uow())
    registered(uow(), "inst-2", "91430111MA4L000002", name="桂塘学堂", township="guitang")
    registered(
        uow(), "inst-3", "91430102MA4L000003", name="芙蓉学堂", district="furong", township="x"
    )
    supervised(uow())
    supervised(uow(), "acct-2", "91430111MA4L000002", bank="icbc")
    sent(uow(), "b-1", day(balance=42_000))

    def listed(username: str, **wanted) -> list[str]:
        rows, total = board.board(BoardFilter(**wanted), PEOPLE[username], PAGE, uow())
        assert total == len(rows)
        return sorted(row.institution_id for row in rows)

    assert listed("leader_city") == ["inst-1", "inst-2", "inst-3"]
    assert listed("district_yuhua") == ["inst-1", "inst-2"]
    assert listed("township_dongtang") == ["inst-1"]
    assert listed("edu_officer_furong") == ["inst-3"]
    assert listed("edu_officer_furong", district="yuhua") == []  # a filter never widens
    assert listed("district_yuhua", bank="icbc") == ["inst-2"]
    assert listed("district_yuhua", level="red") == ["inst-1"]
    assert listed("township_dongtang", bank="icbc") == []


def test_a_redelivered_event_changes_nothing(database, uow):
    registered(uow())
    found = violation()
    for event_id in ("evt-1", "evt-1", "evt-2"):
        handle_once(REGISTRY, Envelope.model_validate(envelope_of(found, event_id)), uow())
    assert count(database, RiskSignal) == 1 and outbox(database) == []
    rows, total = board.signals("inst-1", PEOPLE["district_yuhua"], PAGE, uow())
    assert total == 1 and rows[0].signal_id == "v-1"


def test_the_board_lists_red_before_yellow_whatever_the_scores(uow):
    def institution(institution_id: str, level: str, score: float) -> RiskInstitution:
        return RiskInstitution(
            institution_id=institution_id,
            credit_code=institution_id,
            name=institution_id,
            category="subject",
            district="yuhua",
            township="dongtang",
            grid="dongtang-01",
            level=level,
            score=score,
        )

    with uow() as unit:
        unit.repo.add(institution("high-score-yellow", "yellow", 55))
        unit.repo.add(institution("red-by-cover-ratio", "red", 0))
        unit.repo.add(institution("green", "green", 10))
        unit.commit()
    rows, _ = board.board(BoardFilter(), PEOPLE["district_yuhua"], PAGE, uow())
    assert [r.institution_id for r in rows] == ["red-by-cover-ratio", "high-score-yellow", "green"]
