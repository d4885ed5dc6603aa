"""Enforcement's subscriber: commands from the whistle workflow, each applied exactly once."""

from __future__ import annotations

import asyncio
from datetime import datetime

from faststream.kafka import KafkaBroker
from sqlmodel import Session, select

from contracts.envelope import Envelope
from contracts.events import (
    DispatchDepartmentTask,
    Message,
    RecordEscalation,
    SendReminder,
    SetTaskDeadlines,
    TaskEscalated,
    parse_data,
)
from contracts.topics import ENFORCEMENT_COMMANDS
from enforcement.domain import commands
from enforcement.domain.accountability import (
    AccountabilityRule,
    counts_as_miss,
    load_accountability_rule,
    measure_issued,
)
from enforcement.settings import EnforcementSettings
from enforcement.store.projection import apply, open_case_if_new
from enforcement.store.queries import misses_in_period
from enforcement.store.tables import DepartmentTask, MissedDeadline
from govkit.messaging import AT_LEAST_ONCE
from govkit.outbox import claim_first_delivery, record_event
from govkit.service import Runtime


def register_subscribers(
    broker: KafkaBroker, runtime: Runtime, settings: EnforcementSettings
) -> None:
    rule = load_accountability_rule()

    @broker.subscriber(
        settings.topic_prefix + ENFORCEMENT_COMMANDS.name,
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        ack_policy=AT_LEAST_ONCE,
    )
    async def on_command(envelope: Envelope) -> None:
        """Dispatch tasks, record reminders, escalations and moved deadlines, each once."""
        await asyncio.to_thread(_handle_command, runtime, rule, envelope)


def _handle_command(runtime: Runtime, rule: AccountabilityRule, envelope: Envelope) -> None:
    command = parse_data(envelope.type, envelope.data)
    now = runtime.clock()
    with runtime.session() as session:
        if not claim_first_delivery(session, envelope, now=now):
            return
        for event in _events_for(session, command, now):
            _record(session, runtime, event, now)
            if isinstance(event, TaskEscalated):
                for measure in _accountability(session, runtime, rule, event):
                    _record(session, runtime, measure, now)
        session.commit()
    runtime.relay.notify()


def _events_for(session: Session, command: Message, now: datetime) -> list[Message]:
    if isinstance(command, DispatchDepartmentTask):
        if session.get(DepartmentTask, command.task_id) is not None:
            return []  # a second dispatch of a task that exists changes nothing
        open_case_if_new(session, command, now=now)
        return [commands.dispatched(command, now=now)]
    task = session.get(DepartmentTask, getattr(command, "task_id", ""))
    if task is None:
        return []
    match command:
        case RecordEscalation():
            return [commands.escalated(task, command, now=now)]
        case SendReminder():
            reminder = commands.reminded(task, command, now=now)
            return [reminder] if reminder else []
        case SetTaskDeadlines():
            return [commands.deadlines_set(task, command, now=now)]
    return []


def _accountability(session: Session, runtime: Runtime, rule: AccountabilityRule, escalation):
    """Count a missed deadline once; issue the measure its count reaches, if any."""
    if not counts_as_miss(escalation) or escalation.missed_deadline is None:
        return []
    already = session.exec(
        select(MissedDeadline).where(
            MissedDeadline.task_id == escalation.task_id,
            MissedDeadline.clock == escalation.clock.value,
            MissedDeadline.missed_deadline == escalation.missed_deadline,
        )
    ).first()
    if already is not None:
        return []  # a higher rung of a deadline already counted
    period = rule.period_of(escalation.escalated_at)
    session.add(
        MissedDeadline(
            task_id=escalation.task_id,
            clock=escalation.clock.value,
            missed_deadline=escalation.missed_deadline,
            department=escalation.department.value,
            district=escalation.district or "-",
            period=period,
            at=escalation.escalated_at,
        )
    )
    session.flush()
    misses = misses_in_period(
        session, escalation.department.value, escalation.district or "-", period
    )
    measure = measure_issued(rule, escalation, misses, measure_id=runtime.new_id())
    return [measure] if measure else []


def _record(session: Session, runtime: Runtime, event: Message, now: datetime) -> None:
    event_id = runtime.new_id()
    apply(session, event, event_id=event_id, at=now)
    record_event(session, event, source=runtime.source, event_id=event_id, now=now)
