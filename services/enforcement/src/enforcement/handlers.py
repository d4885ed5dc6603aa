"""Enforcement's subscribers: commands from the whistle workflow."""

from __future__ import annotations

import asyncio

from faststream.kafka import KafkaBroker

from contracts.envelope import Envelope
from contracts.events import DispatchDepartmentTask, RecordEscalation, TaskEscalated, parse_data
from contracts.topics import ENFORCEMENT_COMMANDS
from enforcement import domain
from enforcement.settings import EnforcementSettings
from enforcement.store import DepartmentTask, apply, open_case_if_new
from govkit.messaging import AT_LEAST_ONCE
from govkit.outbox import claim_first_delivery, record_event
from govkit.service import Runtime


def register_subscribers(
    broker: KafkaBroker, runtime: Runtime, settings: EnforcementSettings
) -> None:
    @broker.subscriber(
        settings.topic_prefix + ENFORCEMENT_COMMANDS.name,
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        ack_policy=AT_LEAST_ONCE,
    )
    async def on_command(envelope: Envelope) -> None:
        """Dispatch department tasks and record escalations, each exactly once."""
        await asyncio.to_thread(_handle_command, runtime, envelope)


def _handle_command(runtime: Runtime, envelope: Envelope) -> None:
    command = parse_data(envelope.type, envelope.data)
    now = runtime.clock()
    with runtime.session() as session:
        if not claim_first_delivery(session, envelope, now=now):
            return
        match command:
            case DispatchDepartmentTask() if session.get(DepartmentTask, command.task_id) is None:
                open_case_if_new(session, command, now=now)
                event = domain.dispatched(command, now=now)
            case RecordEscalation():
                event = _escalated(session, command, now)
            case _:
                event = None  # a second dispatch of a task that exists: nothing changes
        if event is not None:
            event_id = runtime.new_id()
            apply(session, event, event_id=event_id, at=now)
            record_event(session, event, source=runtime.source, event_id=event_id, now=now)
        session.commit()
    runtime.relay.notify()


def _escalated(session, command: RecordEscalation, now) -> TaskEscalated | None:
    task = session.get(DepartmentTask, command.task_id)
    if task is None:
        return None
    return TaskEscalated(
        escalation_id=command.escalation_id,
        task_id=command.task_id,
        case_id=command.case_id,
        department=task.department,
        level=command.level,
        reason=command.reason,
        escalated_at=now,
    )
