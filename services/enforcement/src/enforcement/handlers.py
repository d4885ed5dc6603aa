"""Enforcement's subscriber: commands from the whistle workflow, each applied once."""

from __future__ import annotations

from functools import partial

from contracts.events import (
    DispatchDepartmentTask,
    RecordEscalation,
    SendReminder,
    SetTaskDeadlines,
)
from contracts.topics import ENFORCEMENT_COMMANDS
from enforcement.data import load_accountability_rule
from enforcement.service import whistle
from govkit.handlers import EventTable, Subscription, UseCase, subscriptions

COMMANDS = EventTable[UseCase](
    "enforcement: whistle commands",
    {
        DispatchDepartmentTask: whistle.dispatch_task,
        RecordEscalation: partial(whistle.record_escalation, rule=load_accountability_rule()),
        SendReminder: whistle.send_reminder,
        SetTaskDeadlines: whistle.set_deadlines,
    },
)


register_subscribers = subscriptions(Subscription(ENFORCEMENT_COMMANDS, COMMANDS))
