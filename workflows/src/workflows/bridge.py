"""The bridge from Kafka to Temporal: reports start whistles, case events signal them."""

from __future__ import annotations

import logging

from faststream.kafka import KafkaBroker
from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from contracts.envelope import Envelope
from contracts.events import (
    CaseClosed,
    IncidentReported,
    TaskAcknowledged,
    TaskOutcomeSubmitted,
    parse_data,
)
from contracts.topics import ENFORCEMENT_CASES, PATROL_INCIDENTS
from contracts.vocabulary import INCIDENT_TYPE_NAMES
from govkit.messaging import AT_LEAST_ONCE
from workflows.model import TaskSignal, WhistleInput, whistle_workflow_id
from workflows.routing import RoutingTable, departments_for
from workflows.settings import WorkflowSettings
from workflows.whistle import WhistleWorkflow

log = logging.getLogger(__name__)


def whistle_input(
    report: IncidentReported, routing: RoutingTable, settings: WorkflowSettings
) -> WhistleInput:
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
        departments=[d.value for d in departments_for(report.incident_type, routing)],
        acknowledge_within_seconds=settings.acknowledge_within_seconds,
    )


def register_bridge(
    broker: KafkaBroker, client: Client, routing: RoutingTable, settings: WorkflowSettings
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
                whistle_input(report, routing, settings),
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
        handle = client.get_workflow_handle(whistle_workflow_id(event.message_key()))
        match event:
            case TaskAcknowledged():
                await _signal(handle, WhistleWorkflow.task_acknowledged, TaskSignal(event.task_id))
            case TaskOutcomeSubmitted():
                await _signal(handle, WhistleWorkflow.task_handled, TaskSignal(event.task_id))
            case CaseClosed():
                await _signal(handle, WhistleWorkflow.case_closed)


async def _signal(handle: WorkflowHandle, signal, *args) -> None:
    try:
        await handle.signal(signal, *args)
    except RPCError as exc:
        # A case with no whistle (or one already finished) has nobody left to tell.
        if exc.status != RPCStatusCode.NOT_FOUND:
            raise
        log.info("no running whistle %s for signal %s", handle.id, signal)
