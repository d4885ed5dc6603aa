"""Every risk use case over the fake unit of work: signals, the bank feed, levels and links."""

from __future__ import annotations

from datetime import timedelta

import pytest

from contracts.events import (
    ComplianceViolationFound,
    InstitutionChanged,
    InstitutionLifecycleChanged,
    InstitutionRegistered,
    RiskIncidentRaised,
    RiskLevelChanged,
)
from contracts.vocabulary import Severity
from govkit.errors import NotAllowed
from govkit.http import PageParams
from risk.domain.feeds import Feed, FeedBatch
from risk.domain.ledger import BankBatch
from risk.service import banking, board, events, feeds
from tests.fast.support import PEOPLE, T0

PAGE = PageParams(offset=0, limit=50)
CODE = "91430111MA4L000001"
BANK = PEOPLE["service-account-bank-changsha"]


def violation(violation_id: str = "v-1", **changes) -> ComplianceViolationFound:
    found = ComplianceViolationFound(
        violation_id=violation_id,
        institution_id="inst-1",
        institution_name="启航学堂",
        address="雨花区东塘街道1号",
        rule="training_hours",
        evidence="课程安排至21:00",
        severity=Severity.NORMAL,
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
        found_at=T0 - timedelta(hours=1),
    )
    return found.model_copy(update=changes)


def recorded(uow, *violations: ComplianceViolationFound) -> None:
    with uow:
        for found in violations:
            events.record_violation(found, uow)
        uow.commit()


def registered(uow, institution_id: str = "inst-1", code: str = CODE, **changes) -> None:
    event = InstitutionRegistered(
        institution_id=institution_id,
        credit_code=code,
        name="启航学堂",
        kind="training_institution",
        category="subject",
        supervising_department=None,
        state="approved",
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
        registered_by="edu_officer",
        registered_at=T0,
        address="雨花区东塘街道1号",
    ).model_copy(update=changes)
    with uow:
        events.register(event, uow)
        uow.commit()


def supervised(uow, account: str = "acct-1", code: str = CODE, bank: str = "changsha_bank"):
    agreement = banking.Agreement(credit_code=code, bank=bank)
    banking.agree(banking.AgreeAccount(account, agreement, PEOPLE["district_yuhua"]), uow)


def day(balance: float, received: float = 100_000, **changes) -> dict:
    return {
        "account": "acct-1",
        "day": "2026-11-22",
        "balance_yuan": balance,
        "prepaid_received_yuan": received,
        "lessons_delivered": 0,
        "released_yuan": 0,
        "refunds_yuan": 0,
        **changes,
    }


def sent(uow, batch_id: str, *rows: dict) -> banking.Ingested:
    return banking.ingest(BankBatch(batch_id=batch_id, rows=list(rows)), BANK, uow)


def emitted(uow, kind: type) -> list:
    return [m for m in uow.committed if isinstance(m, kind)]


def test_a_violation_is_kept_once_as_a_signal_from_the_registry(uow):
    recorded(uow, violation(), violation())
    [signal] = uow.repo.signals_by_id.values()
    assert (signal.signal_id, signal.kind, signal.source) == (
        "v-1",
        "compliance.training_hours",
        "/services/institutions",
    )
    assert (signal.evidence, signal.occurred_at, signal.received_at) == (
        "课程安排至21:00",
        T0 - timedelta(hours=1),
        T0,
    )


def test_signals_are_read_within_the_callers_area_newest_first(uow):
    recorded(
        uow,
        violation("v-old", found_at=T0 - timedelta(days=2)),
        violation("v-new"),
        violation("v-guitang", township="guitang"),
        violation("v-other", institution_id="inst-2"),
    )

    def seen(username: str) -> list[str]:
        rows, count = board.signals("inst-1", PEOPLE[username], PAGE, uow)
        return [row.signal_id for row in rows]

    assert seen("leader_city") == ["v-new", "v-guitang", "v-old"]
    assert seen("district_yuhua") == ["v-new", "v-guitang", "v-old"]
    assert seen("township_dongtang") == ["v-new", "v-old"]
    assert seen("edu_officer_furong") == []


def test_a_batch_below_half_cover_turns_red_and_blows_one_whistle(watched):
    uow = watched
    assert sent(uow, "b-1", day(balance=42_000)).replayed is False
    institution = uow.repo.institution("inst-1")
    assert (institution.level, institution.balance_yuan, institution.ledger().cover_ratio) == (
        "red",
        42_000,
        0.42,
    )
    [change] = emitted(uow, RiskLevelChanged)
    assert (change.from_level, change.to_level) == ("green", "red")
    assert change.reasons[0].startswith("资金覆盖率 0.42 低于 0.5")
    [whistle] = emitted(uow, RiskIncidentRaised)
    assert (whistle.incident_type, whistle.departments, whistle.institution_id) == (
        "institution_collapse",
        ["public_security", "education", "market_supervision"],
        "inst-1",
    )
    assert uow.repo.case(whistle.incident_id).institution_id == "inst-1"
    # The same batch again, a further batch and another signal: still one whistle.
    assert sent(uow, "b-1", day(balance=42_000)).replayed is True
    sent(uow, "b-2", day(balance=10_000, day="2026-11-23"))
    recorded(uow, violation())
    assert len(emitted(uow, RiskIncidentRaised)) == 1
    [bank_signal] = [s for s in uow.repo.signals_of("inst-1") if s.signal_id == "bank:b-1:inst-1"]
    assert bank_signal.source == "/banks/changsha_bank" and "覆盖率 0.42" in bank_signal.evidence


def test_back_to_green_closes_the_episode_and_the_next_red_is_a_new_whistle(watched):
    uow = watched
    sent(uow, "b-1", day(balance=42_000, day="2026-11-21"))
    sent(uow, "b-2", day(balance=200_000, received=0))
    assert uow.repo.institution("inst-1").level == "green"
    assert uow.repo.institution("inst-1").episode_id is None
    with pytest.raises(banking.BatchRejected, match="1 problems"):
        sent(uow, "b-3", day(balance=0, received=0))  # a day is reported once
    sent(uow, "b-4", day(balance=0, received=0, day="2026-11-23"))
    assert [c.to_level for c in sorted(uow.repo.levels("inst-1"), key=lambda c: c.change_id)] == [
        "red",
        "green",
        "red",
    ]
    assert len(emitted(uow, RiskIncidentRaised)) == 2


def test_a_malformed_batch_writes_nothing(watched):
    uow = watched
    with pytest.raises(banking.BatchRejected) as rejected:
        sent(uow, "b-1", day(balance=42_000), day(balance="lots", day="2026-11-21"))
    assert [(e.row, e.field) for e in rejected.value.report.errors] == [(2, "balance_yuan")]
    assert uow.repo.batch("b-1") is None and uow.repo.institution("inst-1").balance_yuan == 0


def test_a_ban_is_a_signal_on_every_institution_sharing_the_legal_representative(uow):
    registered(uow, legal_representative="赵某")
    registered(
        uow,
        "inst-2",
        "91430111MA4L000002",
        name="新航学堂",
        address="别处",
        legal_representative="赵某",
    )
    with uow:
        events.follow_lifecycle(
            InstitutionLifecycleChanged(
                institution_id="inst-1",
                from_state="approved",
                to_state="banned",
                reason="无证办学",
                changed_by="edu_officer",
                changed_at=T0,
            ),
            uow,
        )
        uow.commit()
    [link] = uow.repo.signals_of("inst-2")
    assert (link.kind, link.signal_id) == ("link.banned", "link:banned:inst-1:inst-2")
    assert "共用 legal_representative" in link.evidence
    assert uow.repo.institution("inst-2").level == "yellow"
    # A newcomer under the banned operator is linked the moment it registers.
    registered(
        uow,
        "inst-3",
        "91430111MA4L000003",
        name="又一学堂",
        address="另处",
        legal_representative="赵某",
    )
    newcomer = uow.repo.institution("inst-3")
    assert newcomer.level == "yellow" and newcomer.reasons[0].startswith(
        "link.banned: 关联机构 启航学堂"
    )


def test_a_credit_feed_names_the_legal_representative_and_links_the_institution(uow):
    registered(uow, legal_representative="赵某", state="banned")
    registered(uow, "inst-2", "91430111MA4L000002", name="新航学堂", address="别处")
    batch = FeedBatch(
        rows=[
            {
                "ref": "c-1",
                "credit_code": "91430111MA4L000002",
                "occurred_at": T0.isoformat(),
                "evidence": "法定代表人失信",
                "legal_representative": "赵某",
                "rating": "poor",
            }
        ]
    )
    result = feeds.send(feeds.SendFeed(Feed.CREDIT, batch, PEOPLE["market_officer"]), uow)
    assert (result.rows, result.new_signals) == (1, 1)
    kinds = sorted(s.kind for s in uow.repo.signals_of("inst-2"))
    assert kinds == ["credit.poor", "link.banned"]
    assert uow.repo.institution("inst-2").level == "yellow"  # 20 + 35


def test_a_feed_is_refused_to_the_wrong_sender_and_rejects_bad_rows_whole(uow):
    registered(uow)
    batch = FeedBatch(
        rows=[
            {"ref": "p-1", "credit_code": CODE, "occurred_at": T0.isoformat(), "evidence": "前科"}
        ]
    )
    with pytest.raises(NotAllowed):
        feeds.send(feeds.SendFeed(Feed.POLICE, batch, PEOPLE["edu_officer"]), uow)
    with pytest.raises(banking.BatchRejected) as rejected:
        feeds.send(feeds.SendFeed(Feed.POLICE, batch, PEOPLE["police_officer"]), uow)
    assert [(e.row, e.field) for e in rejected.value.report.errors] == [(1, "staff_name")]
    assert uow.repo.signals_of("inst-1") == []


def test_an_edit_naming_a_banned_operator_links_the_institution(uow):
    registered(uow, legal_representative="赵某", state="banned")
    registered(uow, "inst-2", "91430111MA4L000002", name="新航学堂", address="别处")

    def changed(*fields: str) -> None:
        edit = InstitutionChanged(
            institution_id="inst-2",
            fields=list(fields),
            changed_by="district_yuhua",
            changed_at=T0,
            legal_representative="赵某",
        )
        with uow:
            events.follow_change(edit, uow)
            uow.commit()

    changed("name")
    assert uow.repo.signals_of("inst-2") == []
    changed("legal_representative")
    assert [s.kind for s in uow.repo.signals_of("inst-2")] == ["link.banned"]
    assert uow.repo.institution("inst-2").level == "yellow"


def test_an_institution_registered_already_banned_carries_the_ban_as_a_signal(uow):
    registered(uow, state="banned")
    registered(uow, "inst-2", "91430111MA4L000002", address="雨花区圭塘街道9号")
    (ban,) = uow.repo.signals_of("inst-1")
    assert ban.kind == "registry.banned" and "registered in this state" in ban.evidence
    assert uow.repo.signals_of("inst-2") == []  # not linked: another venue, nothing shared
