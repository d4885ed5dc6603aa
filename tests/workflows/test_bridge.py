"""The bridge on FastStream's in-memory Kafka and the time-skipping server: a report starts a
whistle, each case event reaches it as its own signal, and a type it has no use for is skipped."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from faststream.kafka import KafkaBroker, TestKafkaBroker

from contracts.envelope import Envelope
from contracts.events import (
    CaseClosed,
    CaseRated,
    GeoPoint,
    IncidentReported,
    Message,
    ResolutionConfirmed,
    TaskAcknowledged,
    TaskOutcomeSubmitted,
    TaskReminded,
)
from contracts.topics import ENFORCEMENT_CASES, PATROL_INCIDENTS
from contracts.vocabulary import Clock, Department, IncidentType, Satisfaction, TaskOutcome
from govkit.calendar_feed import CalendarFeed
from govkit.consumers import Consumers
from tests.workflows.whistle_harness import RecordedCommands, worker
from workflows.bridge import register_bridge
from workflows.model import whistle_workflow_id
from workflows.policy import load_clock_policy, load_routing_table
from workflows.settings import WorkflowSettings
from workflows.whistle import WhistleWorkflow

pytestmark = pytest.mark.workflow
AT = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
PREFIX = "bridge-test."


def envelope(message: Message) -> dict[str, Any]:
    return Envelope(
        id=str(uuid.uuid4()),
        source="/tests",
        type=message.EVENT_TYPE,
        time=AT,
        subject=message.message_key(),
        data=message.model_dump(mode="json"),
    ).model_dump(mode="json")


def report(incident_id: str) -> IncidentReported:
    return IncidentReported(
        incident_id=incident_id,
        incident_type=IncidentType.FIRE_HAZARD,
        description="消防通道堵塞",
        location=GeoPoint(latitude=28.11, longitude=113.01),
        institution_name="启航学堂",
        institution_address="雨花区东塘街道",
        reporter="grid_dongtang",
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
        reported_at=AT,
    )


async def test_a_report_starts_a_whistle_that_case_events_signal_to_its_close(env, caplog):
    commands, queue, case_id = RecordedCommands(), str(uuid.uuid4()), str(uuid.uuid4())
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
    task = {"task_id": f"{case_id}:fire_safety", "case_id": case_id}
    reminded = TaskReminded(
        **task,
        reminder_id="r-1",
        department=Department.FIRE_SAFETY,
        clock=Clock.ACKNOWLEDGE,
        deadline=AT,
        reminded_at=AT,
    )
    case_events = [
        TaskAcknowledged(
            **task, department=Department.FIRE_SAFETY, officer="fire_officer", acknowledged_at=AT
        ),
        reminded,  # the whistle's own reminder coming back: no signal for it
        TaskOutcomeSubmitted(
            **task,
            department=Department.FIRE_SAFETY,
            officer="fire_officer",
            outcome=TaskOutcome.RECTIFICATION_ORDERED,
            note="清理通道",
            submitted_at=AT,
        ),
        CaseClosed(case_id=case_id, incident_id=case_id, verified_by="township", closed_at=AT),
        ResolutionConfirmed(
            case_id=case_id,
            round=1,
            solved=True,
            note="通道已清",
            confirmed_by="g",
            confirmed_at=AT,
        ),
        CaseRated(
            case_id=case_id,
            round=1,
            satisfaction=Satisfaction.SATISFIED,
            rated_by="grid_dongtang",
            rated_at=AT,
        ),
    ]
    envelopes = [envelope(event) for event in case_events]
    reminder_id = envelopes[case_events.index(reminded)]["id"]
    caplog.set_level(logging.INFO, logger="govkit.event_table")
    async with worker(env.client, commands, queue), TestKafkaBroker(broker) as kafka:
        await kafka.publish(envelope(report(case_id)), topic=PREFIX + PATROL_INCIDENTS.name)
        handle = env.client.get_workflow_handle_for(
            WhistleWorkflow.run, whistle_workflow_id(case_id)
        )
        for case_event in envelopes:
            await kafka.publish(case_event, topic=PREFIX + ENFORCEMENT_CASES.name)
        state = await handle.result()
    assert [c.department for c in commands.dispatched] == ["fire_safety"]
    assert state.closed and state.events_applied == 5
    assert [d.step for d in state.departments] == ["closed"]
    assert [c.round for c in commands.confirmations] == [r.round for r in commands.ratings] == [1]
    # Counted and skipped: CASE_SIGNALS.skipped is shared by every bridge in the process, so the
    # skip is found by the envelope's id in the log the table writes.
    skips = [
        r for r in caplog.records if reminder_id in r.getMessage() and "skips" in r.getMessage()
    ]
    assert len(skips) == 1
