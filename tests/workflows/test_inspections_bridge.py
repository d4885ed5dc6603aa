"""The bridge's consumer of inspections' events, on FastStream's in-memory Kafka and the
time-skipping server: a finding's incident blows the whistle as a grid report does, an issued
order starts its rectification workflow, and the order's events reach it as signals."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from faststream.kafka import KafkaBroker, TestKafkaBroker
from temporalio.client import Client
from temporalio.worker import Worker

from contracts.events import (
    InspectionIncidentRaised,
    RectificationEvidenceSubmitted,
    RectificationOrderAcknowledged,
    RectificationOrderClosed,
    ReinspectionRecorded,
)
from contracts.topics import INSPECTIONS_EVENTS
from contracts.vocabulary import IncidentType, InstitutionCategory
from govkit.calendar_feed import CalendarFeed
from govkit.consumers import Consumers
from tests.workflows.rectification_harness import RecordedOrderCommands, issued
from tests.workflows.test_bridge import PREFIX, envelope
from tests.workflows.whistle_harness import RecordedCommands
from workflows.bridge import register_bridge
from workflows.model import whistle_workflow_id
from workflows.policy import load_clock_policy, load_routing_table
from workflows.rectification import RectificationWorkflow
from workflows.rectification_model import rectification_workflow_id
from workflows.sandbox import workflow_runner
from workflows.settings import WorkflowSettings
from workflows.whistle import WhistleWorkflow

pytestmark = pytest.mark.workflow
TOPIC = PREFIX + INSPECTIONS_EVENTS.name


def fire_finding(incident_id: str, at) -> InspectionIncidentRaised:
    return InspectionIncidentRaised(
        incident_id=incident_id,
        incident_type=IncidentType.FIRE_HAZARD,
        description="督导检查第24项不合格：安全出口堵塞",
        institution_name="星辰艺术培训中心",
        institution_address="雨花区东塘街道",
        reporter="inspector_yuhua",
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
        reported_at=at,
        inspection_id="inspection-1",
        finding_id="finding-24",
        unit_id="unit-1",
        institution_id="52430111MJY0001028",
        institution_category=InstitutionCategory.CULTURE_ARTS,
    )


async def test_a_finding_blows_the_whistle_and_an_order_runs_from_issue_to_close(env):
    whistles, orders, queue = RecordedCommands(), RecordedOrderCommands(), str(uuid.uuid4())
    broker = KafkaBroker()
    settings = WorkflowSettings(task_queue=queue, topic_prefix=PREFIX)
    register_bridge(
        Consumers(broker, settings.kafka_bootstrap, PREFIX),
        env.client,
        settings,
        routing=load_routing_table(),
        policy=load_clock_policy(),
        calendar=CalendarFeed(),
    )
    now, incident_id = await env.get_current_time(), str(uuid.uuid4())
    order = issued(now)
    about = {"order_id": order.order_id, "unit_id": order.unit_id}
    async with worker(env.client, whistles, orders, queue), TestKafkaBroker(broker) as kafka:
        for event in (fire_finding(incident_id, now), fire_finding(incident_id, now), order, order):
            await kafka.publish(envelope(event), topic=TOPIC)  # each twice: started once
        signed = RectificationOrderAcknowledged(
            **about, acknowledged_by="staff_xingchen", acknowledged_at=now
        )
        evidence = RectificationEvidenceSubmitted(
            **about, round=1, files=1, submitted_by="staff_xingchen", submitted_at=now
        )
        for event in (signed, evidence):
            await kafka.publish(envelope(event), topic=TOPIC)
        await until(lambda: orders.reinspections)
        passed = ReinspectionRecorded(
            **about, round=1, passed=True, note="合格", inspector="i", reinspected_at=now
        )
        closed = RectificationOrderClosed(
            **about, institution_id=None, finding_ids=[], closed_by="i", closed_at=now
        )
        # An order nobody started a workflow for is logged and skipped, not retried.
        stray = RectificationOrderAcknowledged(
            order_id="unknown", unit_id="u", acknowledged_by="s", acknowledged_at=now
        )
        for event in (passed, closed, stray):
            await kafka.publish(envelope(event), topic=TOPIC)
        clock = await env.client.get_workflow_handle_for(
            RectificationWorkflow.run, rectification_workflow_id(order.order_id)
        ).result()
        await until(lambda: whistles.dispatched)
        await env.client.get_workflow_handle(whistle_workflow_id(incident_id)).terminate("done")
    assert [(c.case_id, c.department) for c in whistles.dispatched] == [
        (incident_id, "fire_safety")
    ]
    assert clock.closed and clock.acknowledged and not clock.running
    assert [r.task_id for r in orders.reinspections] == [
        f"{rectification_workflow_id(order.order_id)}:reinspection:1"
    ]


def worker(
    client: Client, whistles: RecordedCommands, orders: RecordedOrderCommands, queue: str
) -> Worker:
    """The process's worker: whistles and rectification orders, with recording activities."""
    activities = [
        whistles.dispatch_all,
        whistles.dispatch,
        whistles.escalate,
        whistles.remind,
        whistles.set_deadlines,
    ]
    return Worker(
        client,
        task_queue=queue,
        workflows=[WhistleWorkflow, RectificationWorkflow],
        activities=activities + orders.activities(),
        workflow_runner=workflow_runner,
    )


async def until(condition) -> None:
    for _ in range(250):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the bridge did not get there")
