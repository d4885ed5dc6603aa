"""The whistle workflow's commands: dispatch a task, record an escalation, remind, move deadlines;
after a closure, ask for its confirmation and rating, escalate the confirmation, close the window.

Each runs inside the subscriber's transaction, once per command (`govkit.handlers.handle_once`).
"""

from __future__ import annotations

from collections.abc import Callable

from contracts.events import (
    AccountabilityMeasureIssued,
    DispatchDepartmentTask,
    ExpireRating,
    Message,
    RecordConfirmationOverdue,
    RecordEscalation,
    RequestConfirmation,
    RequestRating,
    SendReminder,
    SetTaskDeadlines,
    TaskEscalated,
)
from enforcement.domain import commands
from enforcement.domain.accountability import AccountabilityRule, counts_as_miss, measure_issued
from enforcement.service.common import Uow, emit_and_apply
from enforcement.service.reports import recorded_report
from enforcement.store.tables import Case, MissedDeadline


def dispatch_task(command: DispatchDepartmentTask, uow: Uow) -> None:
    """Give the department its task, opening the case on the first one."""
    if uow.repo.task(command.task_id) is not None:
        return  # a second dispatch of a task that exists changes nothing
    if uow.repo.case(command.case_id) is None:
        report = recorded_report(uow, command.case_id)
        uow.repo.add(Case.opened_by(command, report, at=uow.now))
    emit_and_apply(uow, commands.dispatched(command, now=uow.now))


def record_escalation(command: RecordEscalation, uow: Uow, *, rule: AccountabilityRule) -> None:
    """A missed deadline climbs the ladder; counted once, it may issue an accountability measure."""
    task = uow.repo.task(command.task_id)
    if task is None:
        return
    escalation = commands.escalated(task, command, now=uow.now)
    emit_and_apply(uow, escalation)
    measure = _count_miss(uow, rule, escalation)
    if measure is not None:
        emit_and_apply(uow, measure)


def send_reminder(command: SendReminder, uow: Uow) -> None:
    """A deadline is near: remind whoever must act (nobody, for a task off the case)."""
    task = uow.repo.task(command.task_id)
    reminder = commands.reminded(task, command, now=uow.now) if task is not None else None
    if reminder is not None:
        emit_and_apply(uow, reminder)


def set_deadlines(command: SetTaskDeadlines, uow: Uow) -> None:
    """The task's deadlines moved (rework, a ruling, a resumed clock)."""
    task = uow.repo.task(command.task_id)
    if task is not None:
        emit_and_apply(uow, commands.deadlines_set(task, command, now=uow.now))


def request_confirmation(command: RequestConfirmation, uow: Uow) -> None:
    """The township closed the case: the reporting grid (or the township) is to confirm."""
    _on_case(uow, command, lambda case: commands.confirmation_requested(case, command, now=uow.now))


def record_confirmation_overdue(command: RecordConfirmationOverdue, uow: Uow) -> None:
    """The confirmation is late: escalated once (nothing, if it came meanwhile)."""
    _on_case(uow, command, lambda case: commands.confirmation_overdue(case, command, now=uow.now))


def request_rating(command: RequestRating, uow: Uow) -> None:
    """Confirmed solved: the reporter may rate until the window closes."""
    _on_case(uow, command, lambda case: commands.rating_requested(case, command, now=uow.now))


def expire_rating(command: ExpireRating, uow: Uow) -> None:
    """The window closed: not rated, unless the reporter rated in time."""
    _on_case(uow, command, lambda case: commands.rating_expired(case, command, now=uow.now))


def _on_case(uow: Uow, command: Message, decide: Callable[[Case], Message | None]) -> None:
    """Record what a command about the case's latest closure changes, if anything."""
    case = uow.repo.case(command.message_key())
    event = decide(case) if case is not None else None
    if event is not None:
        emit_and_apply(uow, event)


def _count_miss(
    uow: Uow, rule: AccountabilityRule, escalation: TaskEscalated
) -> AccountabilityMeasureIssued | None:
    """Count a missed deadline once; the measure its count reaches, if any."""
    missed = escalation.missed_deadline
    if not counts_as_miss(escalation) or missed is None:
        return None
    if uow.repo.miss_counted(escalation.task_id, escalation.clock, missed):
        return None  # a higher rung of a deadline already counted
    miss = MissedDeadline.of(escalation, missed, period=rule.period_of(escalation.escalated_at))
    uow.repo.add(miss)
    misses = uow.repo.misses_in_period(miss.department, miss.district, miss.period)
    return measure_issued(rule, escalation, misses, measure_id=uow.new_id())
