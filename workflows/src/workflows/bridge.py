"""The bridge from Kafka to Temporal: reports start whistles, case events signal them.

Each consumer is a table from event type to what it does with it; a type not in its table is
logged, counted and skipped (govkit.handlers), so nothing new on a topic stops the bridge.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

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
    TaskAcknowledged,
    TaskDisputed,
    TaskOutcomeSubmitted,
    TaskSentBack,
)
from contracts.topics import ENFORCEMENT_CASES, PATROL_INCIDENTS
from contracts.vocabulary import INCIDENT_TYPE_NAMES
from govkit.calendar import WorkingCalendar
from govkit.handlers import EventTable
from govkit.messaging import AT_LEAST_ONCE
from workflows.model import ClockPolicy, WhistleInput, whistle_workflow_id
from workflows.policy import RoutingTable, route
from workflows.settings import WorkflowSettings
from workflows.signals import Delivered
from workflows.whistle import WhistleWorkflow

log = logging.getLogger(__name__)

Signal = Callable[[WhistleWorkflow, Delivered[Any]], None]

REPORTS = EventTable("workflows bridge (incidents)", {IncidentReported: WhistleWorkflow.run})
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
    },
)
"""The signal each case event gives its whistle; the whistle needs no other case event."""


def whistle_input(
    report: IncidentReported, routing: RoutingTable, policy: ClockPolicy, calendar: WorkingCalendar
) -> WhistleInput:
    """The whistle for a report: a township's own choice of departments wins over the table."""
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
    broker: KafkaBroker,
    client: Client,
    settings: WorkflowSettings,
    *,
    routing: RoutingTable,
    policy: ClockPolicy,
    calendar: WorkingCalendar,
) -> None:
    group, prefix = settings.consumer_group, settings.topic_prefix

    @broker.subscriber(
        prefix + PATROL_INCIDENTS.name,
        group_id=group,
        auto_offset_reset="earliest",
        ack_policy=AT_LEAST_ONCE,
    )
    async def on_incident(envelope: Envelope) -> None:
        """Blow the whistle for a new incident; a redelivered report starts nothing new."""
        found = REPORTS.lookup(envelope)
        if found is None:
            return
        report, run = found
        assert isinstance(report, IncidentReported)  # the only type in the table
        try:
            await client.start_workflow(
                run,
                whistle_input(report, routing, policy, calendar),
                id=whistle_workflow_id(report.incident_id),
                task_queue=settings.task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            )
        except WorkflowAlreadyStartedError:
            log.info("whistle for incident %s already started", report.incident_id)

    @broker.subscriber(
        prefix + ENFORCEMENT_CASES.name,
        group_id=group,
        auto_offset_reset="earliest",
        ack_policy=AT_LEAST_ONCE,
    )
    async def on_case_event(envelope: Envelope) -> None:
        """Tell the case's whistle what a department or the township did."""
        found = CASE_SIGNALS.lookup(envelope)
        if found is None:
            return
        event, signal = found
        handle = client.get_workflow_handle(whistle_workflow_id(event.message_key()))
        try:
            await handle.signal(signal, Delivered(event_id=envelope.id, event=event))
        except RPCError as exc:
            # A case with no whistle (or one already finished) has nobody left to tell.
            if exc.status != RPCStatusCode.NOT_FOUND:
                raise
            log.info("no running whistle %s for %s", handle.id, envelope.type)
