"""Activities: the workflow's only I/O. They send its commands to enforcement over Kafka.

Each command's event id is derived from the workflow, so a retried activity sends a message
enforcement has already seen, and it changes nothing the second time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from faststream.kafka import KafkaBroker
from temporalio import activity

from contracts.envelope import Envelope
from contracts.events import (
    DispatchDepartmentTask,
    ExpireRating,
    Message,
    RecordConfirmationOverdue,
    RecordEscalation,
    RequestConfirmation,
    RequestRating,
    SendReminder,
    SetTaskDeadlines,
)
from govkit.telemetry import current_traceparent

SOURCE = "/workflows/whistle"


class EnforcementCommands:
    def __init__(self, broker: KafkaBroker, topic_prefix: str = "") -> None:
        self._broker = broker
        self._topic_prefix = topic_prefix

    def activities(self) -> list[Callable[..., Any]]:
        return [
            self.dispatch_department_tasks,
            self.dispatch_department_task,
            self.record_escalation,
            self.send_reminder,
            self.set_task_deadlines,
            self.request_confirmation,
            self.record_confirmation_overdue,
            self.request_rating,
            self.expire_rating,
        ]

    @activity.defn
    async def dispatch_department_tasks(self, commands: list[DispatchDepartmentTask]) -> None:
        """Tell enforcement to open the case (if new) and give each department its task."""
        await asyncio.gather(*(self.dispatch_department_task(command) for command in commands))

    @activity.defn
    async def dispatch_department_task(self, command: DispatchDepartmentTask) -> None:
        """One department's task (whistles started before `dispatch-in-one-activity`)."""
        workflow_id = activity.info().workflow_id
        await self._send(command, event_id=f"{workflow_id}:dispatch:{command.task_id}")

    @activity.defn
    async def record_escalation(self, command: RecordEscalation) -> None:
        """Tell enforcement a deadline was missed and whom the escalation now reaches."""
        await self._send(command, event_id=command.escalation_id)

    @activity.defn
    async def send_reminder(self, command: SendReminder) -> None:
        """Tell enforcement a deadline is near."""
        await self._send(command, event_id=command.reminder_id)

    @activity.defn
    async def set_task_deadlines(self, command: SetTaskDeadlines) -> None:
        """Tell enforcement a task's deadlines moved."""
        await self._send(command, event_id=command.change_id)

    @activity.defn
    async def request_confirmation(self, command: RequestConfirmation) -> None:
        """Tell enforcement the case closed: ask for the on-site confirmation by its deadline."""
        workflow_id = activity.info().workflow_id
        await self._send(command, event_id=f"{workflow_id}:confirm:{command.round}")

    @activity.defn
    async def record_confirmation_overdue(self, command: RecordConfirmationOverdue) -> None:
        """Tell enforcement the confirmation of a closure is late: escalate it once."""
        workflow_id = activity.info().workflow_id
        await self._send(command, event_id=f"{workflow_id}:confirm:{command.round}:overdue")

    @activity.defn
    async def request_rating(self, command: RequestRating) -> None:
        """Tell enforcement the reporter may rate the case until the window closes."""
        workflow_id = activity.info().workflow_id
        await self._send(command, event_id=f"{workflow_id}:rate:{command.round}")

    @activity.defn
    async def expire_rating(self, command: ExpireRating) -> None:
        """Tell enforcement the rating window closed: not rated, unless a rating came."""
        workflow_id = activity.info().workflow_id
        await self._send(command, event_id=f"{workflow_id}:rate:{command.round}:expired")

    async def _send(self, message: Message, *, event_id: str) -> None:
        await publish_command(self._broker, self._topic_prefix, message, event_id, SOURCE)


async def publish_command(
    broker: KafkaBroker, topic_prefix: str, message: Message, event_id: str, source: str
) -> None:
    """Publish a workflow's command, from inside its activity, on the command's own topic."""
    envelope = Envelope.of(
        message,
        event_id=event_id,
        source=source,
        time=activity.info().current_attempt_scheduled_time,
        traceparent=current_traceparent(),
    )
    await broker.publish(
        envelope.model_dump(mode="json"),
        topic=topic_prefix + message.TOPIC.name,
        key=message.message_key().encode(),
    )
