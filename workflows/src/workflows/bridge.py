"""The bridge from Kafka to Temporal: reports start whistles, case events signal them, and
inspections' events start whistles (a finding's incident) and rectification workflows.

Each consumer is a table from event type to what it does with it; a type not in its table is
logged, counted and skipped (govkit.handlers), so nothing new on a topic stops the bridge. A
record that cannot be read, or whose workflow call keeps failing, is retried and then parked
on its topic's dead-letter topic (govkit.dead_letters), so it stops nothing either.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from temporalio.client import Client
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from contracts.envelope import Envelope
from contracts.events import (
    CaseClosed,
    CaseRated,
    CaseReopened,
    ClockPauseDecided,
    ClockResumed,
    DepartmentReleased,
    DepartmentsCalled,
    DisputeRuled,
    DissatisfactionReviewed,
    IncidentReported,
    InspectionIncidentRaised,
    Message,
    RatingExpired,
    RectificationEvidenceSubmitted,
    RectificationOrderAcknowledged,
    RectificationOrderClosed,
    RectificationOrderIssued,
    ReinspectionRecorded,
    ResolutionConfirmed,
    RiskIncidentRaised,
    TaskAcknowledged,
    TaskDisputed,
    TaskOutcomeSubmitted,
    TaskSentBack,
)
from contracts.topics import ENFORCEMENT_CASES, INSPECTIONS_EVENTS, PATROL_INCIDENTS, RISK_EVENTS
from contracts.vocabulary import INCIDENT_TYPE_NAMES
from govkit.calendar import WorkingCalendar
from govkit.calendar_feed import CalendarFeed
from govkit.consumers import Consumers
from govkit.event_table import EventTable
from workflows.model import ClockPolicy, WhistleInput, whistle_workflow_id
from workflows.policy import RoutingTable, route
from workflows.rectification import RectificationWorkflow
from workflows.rectification_model import (
    RectificationInput,
    load_rectification_rules,
    rectification_workflow_id,
)
from workflows.settings import WorkflowSettings
from workflows.signals import Delivered
from workflows.whistle import WhistleWorkflow

log = logging.getLogger(__name__)

Signal = Callable[[WhistleWorkflow, Delivered[Any]], None]
Handler = Callable[[Any, Envelope], Awaitable[None]]
"""What the bridge does with an event that starts a workflow or concerns an order."""

CASE_SIGNALS = EventTable[Signal](
    "workflows bridge (case events)",
    {
        TaskAcknowledged: WhistleWorkflow.acknowledged,
        TaskOutcomeSubmitted: WhistleWorkflow.handled,
        TaskDisputed: WhistleWorkflow.disputed,
        DisputeRuled: WhistleWorkflow.dispute_ruled,
        TaskSentBack: WhistleWorkflow.sent_back,
        ClockPauseDecided: WhistleWorkflow.pause_decided,
        ClockResumed: WhistleWorkflow.resumed,
        DepartmentsCalled: WhistleWorkflow.departments_called,
        DepartmentReleased: WhistleWorkflow.released,
        CaseClosed: WhistleWorkflow.closed,
        ResolutionConfirmed: WhistleWorkflow.confirmed,
        CaseReopened: WhistleWorkflow.reopened,
        CaseRated: WhistleWorkflow.rated,
        RatingExpired: WhistleWorkflow.rating_expired,
        DissatisfactionReviewed: WhistleWorkflow.reviewed,
    },
)
"""The signal each case event gives its whistle; the whistle needs no other case event."""


def whistle_input(
    report: IncidentReported | InspectionIncidentRaised | RiskIncidentRaised,
    routing: RoutingTable,
    policy: ClockPolicy,
    calendar: WorkingCalendar,
) -> WhistleInput:
    """The whistle for a report or a finding's incident (the same fields, ADR 0008): a
    township's own choice of departments wins over the table."""
    departments, severity = route(routing, report.incident_type, report.institution_category)
    return WhistleInput(
        case_id=report.incident_id,
        incident_id=report.incident_id,
        incident_type=report.incident_type,
        district=report.district,
        township=report.township,
        grid=report.grid,
        summary=(
            f"【{INCIDENT_TYPE_NAMES[report.incident_type]}】{report.institution_name}"
            f"（{report.institution_address}）：{report.description}"
        ),
        departments=list(report.departments or departments),
        severity=report.severity or severity,
        policy=policy,
        calendar=calendar,
    )


def register_bridge(
    consumers: Consumers,
    client: Client,
    settings: WorkflowSettings,
    *,
    routing: RoutingTable,
    policy: ClockPolicy,
    calendar: CalendarFeed,
) -> None:
    group = settings.consumer_group
    rectification = load_rectification_rules()

    async def start(run: Callable[..., Any], arg: Any, workflow_id: str) -> None:
        """Start a workflow once: a redelivered event starts nothing new. The worker of this
        process takes its first task with the start's answer (eager start), not from the
        task queue."""
        try:
            await client.start_workflow(
                run,
                arg,
                id=workflow_id,
                task_queue=settings.task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                request_eager_start=True,
            )
        except WorkflowAlreadyStartedError:
            log.info("workflow %s already started", workflow_id)

    async def tell(
        workflow_id: str, signal: Callable[..., Any], envelope: Envelope, event: Message
    ) -> None:
        handle = client.get_workflow_handle(workflow_id)
        try:
            await handle.signal(signal, Delivered(event_id=envelope.id, event=event))
        except RPCError as exc:
            # A workflow never started (or already finished) has nobody left to tell.
            if exc.status != RPCStatusCode.NOT_FOUND:
                raise
            log.info("no running workflow %s for %s", workflow_id, envelope.type)

    async def blow_whistle(
        report: IncidentReported | InspectionIncidentRaised | RiskIncidentRaised, _: Envelope
    ) -> None:
        """Blow the whistle with the calendar as it stands."""
        whistle = whistle_input(report, routing, policy, calendar.current)
        await start(WhistleWorkflow.run, whistle, whistle_workflow_id(report.incident_id))

    async def open_order(order: RectificationOrderIssued, _: Envelope) -> None:
        """Start the order's clock with the rules and the calendar as they stand."""
        order_input = RectificationInput(order, rectification, calendar.current)
        await start(
            RectificationWorkflow.run, order_input, rectification_workflow_id(order.order_id)
        )

    def order_signal(signal: Callable[..., Any]) -> Handler:
        async def signal_order(event: Any, envelope: Envelope) -> None:
            await tell(rectification_workflow_id(event.order_id), signal, envelope, event)

        return signal_order

    reports = EventTable[Handler]("workflows bridge (incidents)", {IncidentReported: blow_whistle})
    # A red level's stability whistle starts as a finding's does (ADR 0008).
    risk_events = EventTable[Handler]("workflows bridge (risk)", {RiskIncidentRaised: blow_whistle})
    inspection_events = EventTable[Handler](
        "workflows bridge (inspections)",
        {
            InspectionIncidentRaised: blow_whistle,
            RectificationOrderIssued: open_order,
            RectificationOrderAcknowledged: order_signal(RectificationWorkflow.acknowledged),
            RectificationEvidenceSubmitted: order_signal(RectificationWorkflow.evidence_submitted),
            ReinspectionRecorded: order_signal(RectificationWorkflow.reinspected),
            RectificationOrderClosed: order_signal(RectificationWorkflow.closed),
        },
    )

    async def signal_whistle(envelope: Envelope) -> None:
        found = CASE_SIGNALS.lookup(envelope)
        if found is not None:
            event, signal = found
            await tell(whistle_workflow_id(event.message_key()), signal, envelope, event)

    consumers.subscribe(
        PATROL_INCIDENTS,
        group,
        reports,
        partial(act_on, reports),
        "Blow the whistle for a new incident; a redelivered report starts nothing new.",
    )
    consumers.subscribe(
        ENFORCEMENT_CASES,
        group,
        CASE_SIGNALS,
        signal_whistle,
        "Tell the case's whistle what a department or the township did.",
    )
    consumers.subscribe(
        INSPECTIONS_EVENTS,
        group + "-inspections",
        inspection_events,
        partial(act_on, inspection_events),
        "Start the whistle of a finding's incident or the clock of an order, or tell an "
        "order's workflow what the unit or the inspector did.",
    )
    consumers.subscribe(
        RISK_EVENTS,
        group + "-risk",
        risk_events,
        partial(act_on, risk_events),
        "Blow the stability whistle of a red episode; a redelivery starts nothing new.",
    )


async def act_on(table: EventTable[Handler], envelope: Envelope) -> None:
    found = table.lookup(envelope)
    if found is not None:
        event, handler = found
        await handler(event, envelope)
