"""Inspections' subscribers: institutions from the registry, and the rectification workflow's
commands, each applied once."""

from __future__ import annotations

from contracts.events import (
    InstitutionRegistered,
    RecordOrderEscalation,
    ScheduleReinspection,
    SendOrderReminder,
    SetOrderDeadline,
)
from contracts.topics import INSPECTIONS_COMMANDS, INSTITUTIONS_REGISTRY
from govkit.handlers import EventTable, Subscription, UseCase, subscriptions
from inspections.service import commands, units

REGISTRY = EventTable[UseCase](
    "inspections: units", {InstitutionRegistered: units.learn_institution}
)
COMMANDS = EventTable[UseCase](
    "inspections: rectification commands",
    {
        SetOrderDeadline: commands.set_deadline,
        SendOrderReminder: commands.remind,
        RecordOrderEscalation: commands.escalate,
        ScheduleReinspection: commands.schedule_reinspection,
    },
)

register_subscribers = subscriptions(
    Subscription(INSTITUTIONS_REGISTRY, REGISTRY, "-units"),
    Subscription(INSPECTIONS_COMMANDS, COMMANDS, "-commands"),
)
