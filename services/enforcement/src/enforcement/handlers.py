"""Enforcement's subscribers: the whistle workflow's commands and patrol's reports, each once."""

from __future__ import annotations

from functools import partial

from contracts.events import (
    DispatchDepartmentTask,
    ExpireRating,
    IncidentReported,
    RecordConfirmationOverdue,
    RecordEscalation,
    RequestConfirmation,
    RequestRating,
    SendReminder,
    SetTaskDeadlines,
)
from contracts.topics import ENFORCEMENT_COMMANDS, PATROL_INCIDENTS
from enforcement.data import load_accountability_rule
from enforcement.service import reports, whistle
from govkit.handlers import EventTable, Subscription, UseCase, subscriptions

COMMANDS = EventTable[UseCase](
    "enforcement: whistle commands",
    {
        DispatchDepartmentTask: whistle.dispatch_task,
        RecordEscalation: partial(whistle.record_escalation, rule=load_accountability_rule()),
        SendReminder: whistle.send_reminder,
        SetTaskDeadlines: whistle.set_deadlines,
        RequestConfirmation: whistle.request_confirmation,
        RecordConfirmationOverdue: whistle.record_confirmation_overdue,
        RequestRating: whistle.request_rating,
        ExpireRating: whistle.expire_rating,
    },
)

REPORTS = EventTable[UseCase](
    "enforcement: incident reports", {IncidentReported: reports.record_report}
)


register_subscribers = subscriptions(
    Subscription(ENFORCEMENT_COMMANDS, COMMANDS),
    Subscription(PATROL_INCIDENTS, REPORTS, "-reports"),
)
