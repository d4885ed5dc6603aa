"""Enforcement's subscriber: commands from the whistle workflow, each applied once."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from faststream.kafka import KafkaBroker

from contracts.events import (
    DispatchDepartmentTask,
    RecordEscalation,
    SendReminder,
    SetTaskDeadlines,
)
from contracts.topics import ENFORCEMENT_COMMANDS
from enforcement.data import load_accountability_rule
from enforcement.service import whistle
from enforcement.settings import EnforcementSettings
from govkit.handlers import EventTable, UseCase, subscribe
from govkit.uow import UnitOfWork

COMMANDS = EventTable[UseCase](
    "enforcement: whistle commands",
    {
        DispatchDepartmentTask: whistle.dispatch_task,
        RecordEscalation: partial(whistle.record_escalation, rule=load_accountability_rule()),
        SendReminder: whistle.send_reminder,
        SetTaskDeadlines: whistle.set_deadlines,
    },
)


def register_subscribers(
    broker: KafkaBroker, unit_of_work: Callable[[], UnitOfWork[Any]], settings: EnforcementSettings
) -> None:
    subscribe(
        broker,
        topic=ENFORCEMENT_COMMANDS,
        prefix=settings.topic_prefix,
        group_id=settings.consumer_group,
        table=COMMANDS,
        unit_of_work=unit_of_work,
    )
