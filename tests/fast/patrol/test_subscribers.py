"""Patrol's subscribers on FastStream's in-memory Kafka: the right use case, once per event."""

from __future__ import annotations

from faststream.kafka import TestKafkaBroker

from contracts.events import RiskLevelChanged, TaskAcknowledged
from contracts.vocabulary import Department
from patrol import service
from patrol.domain.leads import LeadStatus
from patrol.handlers import CASES
from tests.fast.patrol.test_use_cases import PAGE, VIOLATION
from tests.fast.support import PEOPLE, T0, envelope_of


async def test_a_violation_becomes_one_lead_however_often_it_arrives(api, uow, settings):
    broker = api.app.state.runtime.broker
    async with TestKafkaBroker(broker) as kafka:
        for _ in range(2):
            await kafka.publish(envelope_of(VIOLATION, "evt-1"), topic="fast.institutions.registry")
    assert list(uow.repo.leads_by_id) == [VIOLATION.violation_id]
    assert uow.commits == 1


async def test_an_event_type_nobody_handles_is_counted_and_skipped(api, uow):
    acknowledged = TaskAcknowledged(
        task_id="c-1:education",
        case_id="c-1",
        department=Department.EDUCATION,
        officer="edu_officer",
        acknowledged_at=T0,
    )
    before = CASES.skipped[acknowledged.EVENT_TYPE]
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        await kafka.publish(envelope_of(acknowledged, "evt-2"), topic="fast.enforcement.cases")
    assert CASES.skipped[acknowledged.EVENT_TYPE] == before + 1
    assert uow.commits == 0


def risk_change(change_id: str, to_level: str) -> RiskLevelChanged:
    return RiskLevelChanged(
        change_id=change_id,
        institution_id="inst-1",
        institution_name="启航学堂",
        institution_address="雨花区东塘街道1号",
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
        from_level="green",
        to_level=to_level,
        score=35,
        reasons=["link.banned: 关联机构 旧学堂 banned"],
        changed_at=T0,
    )


async def test_a_yellow_risk_level_opens_one_lead_for_the_institutions_grid(api, uow):
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        for change, event_id in [
            (risk_change("chg-1", "yellow"), "evt-1"),
            (risk_change("chg-1", "yellow"), "evt-1"),
            (risk_change("chg-2", "red"), "evt-2"),
        ]:
            await kafka.publish(envelope_of(change, event_id), topic="fast.risk.events")
    assert list(uow.repo.leads_by_id) == ["chg-1"]
    rows, count = service.leads(PEOPLE["grid_dongtang"], LeadStatus.OPEN, PAGE, uow)
    assert count == 1
    assert (rows[0].rule, rows[0].grid, rows[0].evidence) == (
        "risk.yellow",
        "dongtang-01",
        "link.banned: 关联机构 旧学堂 banned",
    )
    assert service.leads(PEOPLE["grid_guitang"], None, PAGE, uow)[1] == 0
