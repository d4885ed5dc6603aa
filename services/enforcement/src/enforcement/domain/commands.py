"""The events that record what the whistle workflow told enforcement to do.

A command about a closure that was undone since (the case re-opened, or closed again) or a
step already taken records nothing: the case has moved on.
"""

from __future__ import annotations

from datetime import datetime

from contracts.events import (
    ConfirmationOverdue,
    ConfirmationRequested,
    DepartmentTaskDispatched,
    DispatchDepartmentTask,
    ExpireRating,
    RatingExpired,
    RatingRequested,
    RecordConfirmationOverdue,
    RecordEscalation,
    RequestConfirmation,
    RequestRating,
    SendReminder,
    SetTaskDeadlines,
    TaskDeadlinesSet,
    TaskEscalated,
    TaskReminded,
)
from contracts.vocabulary import Department
from enforcement.domain.closure import confirmer_of
from enforcement.domain.states import (
    CaseState,
    CaseStatus,
    ConfirmationStatus,
    RatingStatus,
    TaskState,
    active,
)


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
        incident_type=command.incident_type,
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


def confirmation_requested(
    case: CaseState, command: RequestConfirmation, *, now: datetime
) -> ConfirmationRequested | None:
    """The closure's on-site confirmation is asked of the reporting grid (or the township)."""
    if not _closed_as(case, command.round) or case.confirmation_status is not None:
        return None
    return ConfirmationRequested(
        case_id=case.case_id,
        round=command.round,
        confirmer=confirmer_of(case),
        district=case.district,
        township=case.township,
        grid=case.grid,
        confirm_by=command.confirm_by,
        requested_at=now,
    )


def confirmation_overdue(
    case: CaseState, command: RecordConfirmationOverdue, *, now: datetime
) -> ConfirmationOverdue | None:
    """Escalated once, unless the confirmation came meanwhile."""
    if not _closed_as(case, command.round):
        return None
    if case.confirmation_status != ConfirmationStatus.AWAITING:
        return None
    return ConfirmationOverdue(
        case_id=case.case_id,
        round=command.round,
        missed_deadline=command.missed_deadline,
        reaches=command.reaches,
        reason=command.reason,
        district=case.district,
        township=case.township,
        escalated_at=now,
    )


def rating_requested(
    case: CaseState, command: RequestRating, *, now: datetime
) -> RatingRequested | None:
    """Confirmed solved: the reporter may rate until the window closes."""
    if not _closed_as(case, command.round) or case.confirmation_status != ConfirmationStatus.SOLVED:
        return None
    if case.rating_status is not None:
        return None
    return RatingRequested(
        case_id=case.case_id,
        round=command.round,
        reporter=case.reporter,
        rate_by=command.rate_by,
        requested_at=now,
    )


def rating_expired(
    case: CaseState, command: ExpireRating, *, now: datetime
) -> RatingExpired | None:
    """The window closed: not rated, unless the reporter rated in time."""
    if not _closed_as(case, command.round) or case.rating_status != RatingStatus.AWAITING:
        return None
    return RatingExpired(
        case_id=case.case_id, round=command.round, rate_by=command.rate_by, expired_at=now
    )


def _closed_as(case: CaseState, round: int) -> bool:
    """The case is closed, and this closure is its latest."""
    return case.status == CaseStatus.CLOSED and case.closures == round
