"""Activities: the workflow's only I/O. They send commands to enforcement over Kafka.

Each command's event id is derived from the workflow, so a retried activity sends a message
enforcement has already seen, and it changes nothing the second time.
"""

from __future__ import annotations

from faststream.kafka import KafkaBroker
from temporalio import activity

from contracts.envelope import Envelope
from contracts.events import (
    DispatchDepartmentTask,
    Message,
    RecordEscalation,
    SendReminder,
    SetTaskDeadlines,
)
from contracts.vocabulary import Clock, Department, EscalationTarget, IncidentType, Severity
from govkit.telemetry import current_traceparent
from workflows.model import DeadlinesInput, DispatchTaskInput, EscalationInput, ReminderInput

SOURCE = "/workflows/whistle"


class EnforcementCommands:
    def __init__(self, broker: KafkaBroker, topic_prefix: str = "") -> None:
        self._broker = broker
        self._topic_prefix = topic_prefix

    def activities(self) -> list:
        return [
            self.dispatch_department_task,
            self.record_escalation,
            self.send_reminder,
            self.set_task_deadlines,
        ]

    @activity.defn
    async def dispatch_department_task(self, command: DispatchTaskInput) -> None:
        """Tell enforcement to open the case (if new) and give one department its task."""
        message = DispatchDepartmentTask(
            task_id=command.task_id,
            case_id=command.case_id,
            incident_id=command.incident_id,
            incident_type=IncidentType(command.incident_type),
            department=Department(command.department),
            district=command.district,
            township=command.township,
            grid=command.grid,
            summary=command.summary,
            acknowledge_by=command.acknowledge_by,
            handle_by=command.handle_by,
            severity=Severity(command.severity),
            lead=command.lead,
        )
        await self._send(message, event_id=f"{command.workflow_id}:dispatch:{command.task_id}")

    @activity.defn
    async def record_escalation(self, command: EscalationInput) -> None:
        """Tell enforcement a deadline was missed and whom the escalation now reaches."""
        message = RecordEscalation(
            escalation_id=command.escalation_id,
            task_id=command.task_id,
            case_id=command.case_id,
            level=command.level,
            reason=command.reason,
            missed_deadline=command.missed_deadline,
            clock=Clock(command.clock),
            reaches=EscalationTarget(command.reaches),
        )
        await self._send(message, event_id=command.escalation_id)

    @activity.defn
    async def send_reminder(self, command: ReminderInput) -> None:
        """Tell enforcement a deadline is near."""
        message = SendReminder(
            reminder_id=command.reminder_id,
            task_id=command.task_id,
            case_id=command.case_id,
            clock=Clock(command.clock),
            deadline=command.deadline,
        )
        await self._send(message, event_id=command.reminder_id)

    @activity.defn
    async def set_task_deadlines(self, command: DeadlinesInput) -> None:
        """Tell enforcement a task's deadlines moved."""
        message = SetTaskDeadlines(
            change_id=command.change_id,
            task_id=command.task_id,
            case_id=command.case_id,
            acknowledge_by=command.acknowledge_by,
            handle_by=command.handle_by,
            reason=command.reason,
        )
        await self._send(message, event_id=command.change_id)

    async def _send(self, message: Message, *, event_id: str) -> None:
        envelope = Envelope(
            id=event_id,
            source=SOURCE,
            type=message.EVENT_TYPE,
            time=activity.info().current_attempt_scheduled_time,
            subject=message.message_key(),
            traceparent=current_traceparent(),
            data=message.model_dump(mode="json"),
        )
        await self._broker.publish(
            envelope.model_dump(mode="json"),
            topic=self._topic_prefix + message.TOPIC.name,
            key=message.message_key().encode(),
        )
