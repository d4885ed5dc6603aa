"""The bridge from Kafka to Temporal: reports start whistles, case events signal them."""

from __future__ import annotations

import logging

from faststream.kafka import KafkaBroker
from temporalio.client import Client
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from contracts.envelope import Envelope
from contracts.events import (
    CaseClosed,
    ClockPauseDecided,
    ClockResumed,
    DepartmentReleased,
    DepartmentsCalled,
    DisputeRuled,
    IncidentReported,
    Message,
    TaskAcknowledged,
    TaskDisputed,
    TaskOutcomeSubmitted,
    TaskSentBack,
    parse_data,
)
from contracts.topics import ENFORCEMENT_CASES, PATROL_INCIDENTS
from contracts.vocabulary import INCIDENT_TYPE_NAMES, DisputeRuling
from govkit.calendar import WorkingCalendar
from govkit.messaging import AT_LEAST_ONCE
from workflows.model import CaseEvent, CaseEventKind, ClockPolicy, WhistleInput, whistle_workflow_id
from workflows.policy import RoutingTable, route
from workflows.settings import WorkflowSettings
from workflows.whistle import WhistleWorkflow

log = logging.getLogger(__name__)


def whistle_input(
    report: IncidentReported, routing: RoutingTable, policy: ClockPolicy, calendar: WorkingCalendar
) -> WhistleInput:
    """The whistle for a report: a township's own choice of departments wins over the table."""
    departments, severity = route(routing, report.incident_type, report.institution_category)
    return WhistleInput(
        case_id=report.incident_id,
        incident_id=report.incident_id,
        incident_type=report.incident_type.value,
        district=report.district,
        township=report.township,
        grid=report.grid,
        summary=(
            f"【{INCIDENT_TYPE_NAMES[report.incident_type]}】{report.institution_name}"
            f"（{report.institution_address}）：{report.description}"
        ),
        departments=[d.value for d in report.departments or departments],
        severity=(report.severity or severity).value,
        policy=policy,
        calendar=calendar,
    )


def case_event_of(event_id: str, event: Message) -> CaseEvent | None:
    """The signal a case event gives its whistle, or None if the whistle need not know."""
    match event:
        case TaskAcknowledged():
            return CaseEvent(event_id, CaseEventKind.ACKNOWLEDGED, event.task_id)
        case TaskOutcomeSubmitted():
            return CaseEvent(event_id, CaseEventKind.HANDLED, event.task_id)
        case TaskDisputed():
            return CaseEvent(event_id, CaseEventKind.DISPUTED, event.task_id)
        case DisputeRuled(ruling=DisputeRuling.INSIST):
            return CaseEvent(event_id, CaseEventKind.RULED_INSIST, event.task_id)
        case DisputeRuled(ruling=DisputeRuling.REASSIGN, reassign_to=department):
            return CaseEvent(
                event_id, CaseEventKind.RULED_REASSIGN, event.task_id, [department.value]
            )
        case TaskSentBack():
            return CaseEvent(event_id, CaseEventKind.SENT_BACK, event.task_id)
        case ClockPauseDecided(approved=True):
            return CaseEvent(event_id, CaseEventKind.PAUSED, event.task_id)
        case ClockResumed():
            return CaseEvent(event_id, CaseEventKind.RESUMED, event.task_id)
        case DepartmentsCalled():
            called = [d.value for d in event.departments]
            return CaseEvent(event_id, CaseEventKind.DEPARTMENTS_CALLED, departments=called)
        case DepartmentReleased():
            return CaseEvent(event_id, CaseEventKind.RELEASED, event.task_id)
        case CaseClosed():
            return CaseEvent(event_id, CaseEventKind.CLOSED)
    return None


def register_bridge(
    broker: KafkaBroker,
    client: Client,
    settings: WorkflowSettings,
    *,
    routing: RoutingTable,
    policy: ClockPolicy,
    calendar: WorkingCalendar,
) -> None:
    subscribe = {
        "group_id": settings.consumer_group,
        "auto_offset_reset": "earliest",
        "ack_policy": AT_LEAST_ONCE,
    }

    @broker.subscriber(settings.topic_prefix + PATROL_INCIDENTS.name, **subscribe)
    async def on_incident(envelope: Envelope) -> None:
        """Blow the whistle for a new incident; a redelivered report starts nothing new."""
        report = parse_data(envelope.type, envelope.data)
        assert isinstance(report, IncidentReported)
        try:
            await client.start_workflow(
                WhistleWorkflow.run,
                whistle_input(report, routing, policy, calendar),
                id=whistle_workflow_id(report.incident_id),
                task_queue=settings.task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            )
        except WorkflowAlreadyStartedError:
            log.info("whistle for incident %s already started", report.incident_id)

    @broker.subscriber(settings.topic_prefix + ENFORCEMENT_CASES.name, **subscribe)
    async def on_case_event(envelope: Envelope) -> None:
        """Tell the case's whistle what a department or the township did."""
        event = parse_data(envelope.type, envelope.data)
        signal = case_event_of(envelope.id, event)
        if signal is None:
            return
        handle = client.get_workflow_handle(whistle_workflow_id(event.message_key()))
        try:
            await handle.signal(WhistleWorkflow.case_event, signal)
        except RPCError as exc:
            # A case with no whistle (or one already finished) has nobody left to tell.
            if exc.status != RPCStatusCode.NOT_FOUND:
                raise
            log.info("no running whistle %s for %s", handle.id, signal.kind)
