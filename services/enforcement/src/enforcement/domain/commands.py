"""The events that record what the whistle workflow told enforcement to do."""

from __future__ import annotations

from datetime import datetime

from contracts.events import (
    DepartmentTaskDispatched,
    DispatchDepartmentTask,
    RecordEscalation,
    SendReminder,
    SetTaskDeadlines,
    TaskDeadlinesSet,
    TaskEscalated,
    TaskReminded,
)
from contracts.vocabulary import Department
from enforcement.domain.states import TaskState, active


def dispatched(command: DispatchDepartmentTask, *, now: datetime) -> DepartmentTaskDispatched:
    return DepartmentTaskDispatched(
        task_id=command.task_id,
        case_id=command.case_id,
        department=command.department,
        district=command.district,
        township=command.township,
        acknowledge_by=command.acknowledge_by,
        handle_by=command.handle_by,
        severity=command.severity,
        lead=command.lead,
        dispatched_at=now,
    )


def escalated(task: TaskState, command: RecordEscalation, *, now: datetime) -> TaskEscalated:
    return TaskEscalated(
        escalation_id=command.escalation_id,
        task_id=task.task_id,
        case_id=task.case_id,
        department=Department(task.department),
        level=command.level,
        reason=command.reason,
        clock=command.clock,
        reaches=command.reaches,
        district=task.district,
        township=task.township,
        missed_deadline=command.missed_deadline,
        escalated_at=now,
    )


def reminded(task: TaskState, command: SendReminder, *, now: datetime) -> TaskReminded | None:
    """A reminder for a task that has left the case reminds nobody."""
    if not active(task):
        return None
    return TaskReminded(
        reminder_id=command.reminder_id,
        task_id=task.task_id,
        case_id=task.case_id,
        department=Department(task.department),
        clock=command.clock,
        deadline=command.deadline,
        reminded_at=now,
    )


def deadlines_set(task: TaskState, command: SetTaskDeadlines, *, now: datetime) -> TaskDeadlinesSet:
    return TaskDeadlinesSet(
        task_id=task.task_id,
        case_id=task.case_id,
        department=Department(task.department),
        acknowledge_by=command.acknowledge_by,
        handle_by=command.handle_by,
        reason=command.reason,
        set_at=now,
    )
