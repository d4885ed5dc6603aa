"""Inspections' rectification orders on the institution's record, through the subscriber."""

from __future__ import annotations

from datetime import timedelta

from faststream.kafka import TestKafkaBroker

from contracts.events import (
    OrderDeadlineSet,
    OrderEscalated,
    RectificationOrderClosed,
    RectificationOrderIssued,
)
from contracts.vocabulary import AccountabilityMeasure, Severity
from institutions import service
from institutions.handlers import ORDERS
from tests.fast.institutions.test_use_cases import registered
from tests.fast.support import PEOPLE, T0, bearer, envelope_of

TOPIC = "fast.inspections.events"
DEADLINE = T0 + timedelta(days=7)


def issued(institution_id: str | None, order_id: str = "order-1") -> RectificationOrderIssued:
    return RectificationOrderIssued(
        order_id=order_id,
        number="雨花督〔2026〕1号",
        inspection_id="insp-1",
        unit_id=f"unit-{institution_id}",
        unit_kind="subject_institution",
        unit_name="启航学堂",
        unit_code="91430111MA4L000001",
        institution_id=institution_id,
        district="yuhua",
        township="dongtang",
        finding_ids=["f-1", "f-2", "f-3"],
        severity=Severity.URGENT,
        deadline=DEADLINE,
        inspector="inspector_yuhua",
        issued_at=T0,
    )


def record(uow, institution_id: str):
    return service.institution(institution_id, PEOPLE["district_yuhua"], uow)


async def test_an_order_shows_on_the_record_moves_climbs_and_leaves_when_closed(api, uow, rules):
    institution_id = registered(uow, rules).institution_id
    later = DEADLINE + timedelta(days=5)
    events = [
        issued(institution_id),
        issued(institution_id),  # a redelivery under a new id still makes one order
        OrderDeadlineSet(
            change_id="c-1",
            order_id="order-1",
            unit_id="u",
            deadline=later,
            reason="复查未通过",
            set_at=T0,
        ),
        OrderEscalated(
            escalation_id="e-1",
            order_id="order-1",
            unit_id="u",
            district="yuhua",
            township="dongtang",
            rung=AccountabilityMeasure.PUBLIC_NOTICE,
            level=2,
            missed_deadline=later,
            reason="逾期未整改",
            escalated_at=later,
        ),
    ]
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        for number, event in enumerate(events):
            await kafka.publish(envelope_of(event, f"evt-{number}"), topic=TOPIC)
        [order] = record(uow, institution_id).open_orders
        assert (order.number, order.findings, order.severity) == ("雨花督〔2026〕1号", 3, "urgent")
        assert (order.deadline, order.rung) == (later, "public_notice")
        shown = api.get(f"/institutions/{institution_id}", headers=bearer("district_yuhua"))
        assert [o["number"] for o in shown.json()["open_orders"]] == ["雨花督〔2026〕1号"]
        closed = RectificationOrderClosed(
            order_id="order-1",
            unit_id="u",
            institution_id=institution_id,
            finding_ids=["f-1", "f-2", "f-3"],
            closed_by="inspector_yuhua",
            closed_at=later,
        )
        await kafka.publish(envelope_of(closed, "evt-closed"), topic=TOPIC)
    assert record(uow, institution_id).open_orders == []


async def test_a_schools_order_or_an_unknown_institution_is_passed_over(api, uow):
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        await kafka.publish(envelope_of(issued(None, "school"), "evt-s"), topic=TOPIC)
        await kafka.publish(envelope_of(issued("nobody", "ghost"), "evt-g"), topic=TOPIC)
    assert uow.repo.orders == {}
    assert ORDERS.skipped["gov.inspections.RectificationOrderIssued.v1"] == 0
