"""Activities of the rectification workflow: its commands to inspections over Kafka.

Each command carries an id the workflow derived from the order and the cycle, and is published
under it, so a retried activity sends a message inspections has already applied.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from faststream.kafka import KafkaBroker
from temporalio import activity

from contracts.events import (
    Message,
    RecordOrderEscalation,
    ScheduleReinspection,
    SendOrderReminder,
    SetOrderDeadline,
)
from workflows.activities import publish_command

SOURCE = "/workflows/rectification"


class InspectionsCommands:
    def __init__(self, broker: KafkaBroker, topic_prefix: str = "") -> None:
        self._broker = broker
        self._topic_prefix = topic_prefix

    def activities(self) -> list[Callable[..., Any]]:
        return [
            self.set_order_deadline,
            self.send_order_reminder,
            self.record_order_escalation,
            self.schedule_reinspection,
        ]

    @activity.defn
    async def set_order_deadline(self, command: SetOrderDeadline) -> None:
        """Tell inspections the order's deadline moved."""
        await self._send(command, command.change_id)

    @activity.defn
    async def send_order_reminder(self, command: SendOrderReminder) -> None:
        """Tell inspections to remind the unit that the deadline is near."""
        await self._send(command, command.reminder_id)

    @activity.defn
    async def record_order_escalation(self, command: RecordOrderEscalation) -> None:
        """Tell inspections the order is overdue and which rung of the ladder it reached."""
        await self._send(command, command.escalation_id)

    @activity.defn
    async def schedule_reinspection(self, command: ScheduleReinspection) -> None:
        """Tell inspections to put a re-inspection (复查) in the inspectors' inbox."""
        await self._send(command, command.task_id)

    async def _send(self, message: Message, event_id: str) -> None:
        await publish_command(self._broker, self._topic_prefix, message, event_id, SOURCE)
