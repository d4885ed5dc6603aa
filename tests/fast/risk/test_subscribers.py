"""Risk's subscribers on FastStream's in-memory Kafka: the right use case, once per event."""

from __future__ import annotations

from faststream.kafka import TestKafkaBroker

from contracts.events import (
    ComplianceViolationResolved,
    FindingRecorded,
    GeoPoint,
    IncidentReported,
    TaskOutcomeSubmitted,
)
from contracts.events.inspections import UnitKind
from contracts.topics import ENFORCEMENT_CASES, INSPECTIONS_EVENTS, PATROL_INCIDENTS
from contracts.vocabulary import Department, IncidentType, Severity, TaskOutcome
from risk.handlers import REGISTRY
from tests.fast.risk.test_use_cases import registered, violation
from tests.fast.support import T0, envelope_of

TOPIC = "fast.institutions.registry"


async def test_a_violation_becomes_one_signal_however_often_it_arrives(api, uow):
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        for _ in range(2):
            await kafka.publish(envelope_of(violation(), "evt-1"), topic=TOPIC)
    assert list(uow.repo.signals_by_id) == ["v-1"]
    assert uow.commits == 1


async def test_an_event_type_nobody_handles_is_counted_and_skipped(api, uow):
    resolved = ComplianceViolationResolved(
        violation_id="v-1", institution_id="inst-1", rule="training_hours", resolved_at=T0
    )
    before = REGISTRY.skipped[resolved.EVENT_TYPE]
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        await kafka.publish(envelope_of(resolved, "evt-2"), topic=TOPIC)
        await kafka.publish(envelope_of(violation(), "evt-3"), topic=TOPIC)
    assert REGISTRY.skipped[resolved.EVENT_TYPE] == before + 1
    assert list(uow.repo.signals_by_id) == ["v-1"]  # the consumer went on past it
    assert uow.commits == 1


def finding(institution_id: str | None = "inst-1") -> FindingRecorded:
    return FindingRecorded(
        finding_id="f-1",
        inspection_id="insp-1",
        order_id="o-1",
        unit_id=institution_id or "school-1",
        unit_kind=UnitKind.SUBJECT_INSTITUTION,
        unit_name="启航学堂",
        institution_id=institution_id,
        district="yuhua",
        township="dongtang",
        item_no=24,
        item="消防通道畅通",
        severity=Severity.URGENT,
        note="消防通道堵塞",
        compliance_rules=[],
        incident_type=None,
        inspector="inspector_yuhua",
        found_at=T0,
    )


def report(incident_id: str, incident_type: IncidentType) -> IncidentReported:
    return IncidentReported(
        incident_id=incident_id,
        incident_type=incident_type,
        description="家长反映预收一年学费后停课",
        location=GeoPoint(latitude=28.1, longitude=113.0),
        institution_name="启航学堂",
        institution_address="雨花区东塘街道1号",
        reporter="grid_dongtang",
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
        reported_at=T0,
    )


def outcome(task_id: str, case_id: str, result: TaskOutcome) -> TaskOutcomeSubmitted:
    return TaskOutcomeSubmitted(
        task_id=task_id,
        case_id=case_id,
        department=Department.MARKET_SUPERVISION,
        officer="market_officer",
        outcome=result,
        note="现场处置",
        submitted_at=T0,
        fine_amount_yuan=5000 if result == TaskOutcome.FINED else None,
    )


async def publish(api, *messages: tuple[object, str, str]) -> None:
    """(message, event id, topic) in order; each published twice, as a redelivery would."""
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        for message, event_id, topic in messages:
            for _ in range(2):
                await kafka.publish(envelope_of(message, event_id), topic=f"fast.{topic}")


def kinds(uow) -> dict[str, str]:
    return {s.signal_id: s.kind for s in uow.repo.signals_of("inst-1")}


async def test_an_inspection_finding_on_an_institution_is_one_signal(api, uow):
    registered(uow)
    school = finding(None).model_copy(update={"finding_id": "f-2"})
    await publish(
        api,
        (finding(), "evt-1", INSPECTIONS_EVENTS.name),
        (school, "evt-2", INSPECTIONS_EVENTS.name),
    )
    assert kinds(uow) == {"finding:f-1": "inspection.urgent"}
    assert uow.commits == 3  # the registration, then each event once
    [signal] = uow.repo.signals_of("inst-1")
    assert (signal.source, signal.evidence) == (
        "/services/inspections",
        "第24项 消防通道畅通：消防通道堵塞",
    )


async def test_a_complaint_tip_is_a_signal_and_any_report_is_a_case_to_follow(api, uow):
    registered(uow)
    await publish(
        api,
        (report("tip-1", IncidentType.COMPLAINT_TIP), "evt-1", PATROL_INCIDENTS.name),
        (report("inc-2", IncidentType.OUT_OF_HOURS_TRAINING), "evt-2", PATROL_INCIDENTS.name),
    )
    assert kinds(uow) == {"tip:tip-1": "complaint.tip"} and uow.commits == 3
    assert uow.repo.case("inc-2").institution_id == "inst-1"


async def test_an_enforcement_outcome_on_a_followed_case_is_a_signal(api, uow):
    registered(uow)
    await publish(
        api,
        (report("inc-1", IncidentType.OUT_OF_HOURS_TRAINING), "evt-1", PATROL_INCIDENTS.name),
        (outcome("t-1", "inc-1", TaskOutcome.FINED), "evt-2", ENFORCEMENT_CASES.name),
        (outcome("t-2", "inc-1", TaskOutcome.NO_VIOLATION_FOUND), "evt-3", ENFORCEMENT_CASES.name),
        (outcome("t-3", "unknown-case", TaskOutcome.BANNED), "evt-4", ENFORCEMENT_CASES.name),
    )
    assert kinds(uow) == {"outcome:t-1:fined": "enforcement.fined"}
    assert "罚款 5000 元" in uow.repo.signal("outcome:t-1:fined").evidence
    assert uow.repo.institution("inst-1").state == "approved" and uow.commits == 5
