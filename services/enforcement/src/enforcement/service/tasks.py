"""Department tasks: 报到, dispute, feed back, pause, resume; and the township's decisions on one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from contracts.events import Message
from enforcement.domain import access, department, township
from enforcement.domain.filters import TaskFilters
from enforcement.domain.requests import OutcomeReport, PauseRequest, Ruling
from enforcement.service.common import Uow, emit_and_apply, task_on_visible_case, visible_task
from enforcement.store.tables import Case, DepartmentTask
from govkit.http import PageParams
from govkit.principal import Principal


@dataclass(frozen=True)
class OnTask:
    """Someone acting on one task."""

    task_id: str
    caller: Principal


@dataclass(frozen=True)
class OnTaskWithReason(OnTask):
    reason: str


@dataclass(frozen=True)
class SubmitOutcome(OnTask):
    report: OutcomeReport


@dataclass(frozen=True)
class RequestPause(OnTask):
    request: PauseRequest


@dataclass(frozen=True)
class DecidePause(OnTask):
    approved: bool


@dataclass(frozen=True)
class RuleDispute(OnTask):
    ruling: Ruling


def tasks(
    reader: Principal, filters: TaskFilters, page: PageParams, uow: Uow
) -> tuple[list[DepartmentTask], int]:
    """Tasks in the reader's department and jurisdiction the filters admit, newest first."""
    with uow:
        return uow.repo.tasks(access.task_scope(reader), filters, uow.now, page)


def task(task_id: str, reader: Principal, uow: Uow) -> DepartmentTask:
    """One task, if it is within the reader's scope."""
    with uow:
        return visible_task(uow, task_id, reader)


def acknowledge(command: OnTask, uow: Uow) -> DepartmentTask:
    """The department reports for duty (部门报到)."""
    return _decide_on_task(
        command, uow, lambda task, now: department.acknowledge(task, command.caller, now=now)
    )


def dispute(command: OnTaskWithReason, uow: Uow) -> DepartmentTask:
    """The department says the task is not its responsibility (异议); the township rules."""
    return _decide_on_task(
        command,
        uow,
        lambda task, now: department.dispute(task, command.caller, command.reason, now=now),
    )


def submit_outcome(command: SubmitOutcome, uow: Uow) -> DepartmentTask:
    """The department feeds back what it did (处置反馈)."""
    report = command.report
    return _decide_on_task(
        command,
        uow,
        lambda task, now: department.submit_outcome(
            task, command.caller, report.outcome, report.note, report.fine_amount_yuan, now=now
        ),
    )


def request_pause(command: RequestPause, uow: Uow) -> DepartmentTask:
    """The department asks the township to stop its handling clock (挂起)."""
    request = command.request
    return _decide_on_task(
        command,
        uow,
        lambda task, now: department.request_pause(
            task, command.caller, request.reason, request.note, pause_id=uow.new_id(), now=now
        ),
    )


def resume(command: OnTask, uow: Uow) -> DepartmentTask:
    """The department or the township restarts a paused clock."""
    return _decide_with_case(
        command,
        uow,
        lambda _case, _tasks, task, now: department.resume(task, command.caller, now=now),
    )


def decide_pause(command: DecidePause, uow: Uow) -> DepartmentTask:
    """The township approves (the clock stops) or refuses a pause request."""
    return _decide_with_case(
        command,
        uow,
        lambda case, _tasks, task, now: township.decide_pause(
            case, task, command.caller, command.approved, now=now
        ),
    )


def rule_dispute(command: RuleDispute, uow: Uow) -> DepartmentTask:
    """The township insists (the department must act) or reassigns to another department."""
    ruling = command.ruling
    return _decide_with_case(
        command,
        uow,
        lambda case, tasks, task, now: township.rule_dispute(
            case,
            tasks,
            task,
            command.caller,
            ruling.ruling,
            ruling.reassign_to,
            ruling.reason,
            now=now,
        ),
    )


def send_back(command: OnTaskWithReason, uow: Uow) -> DepartmentTask:
    """返工: the township refuses the result; the department's handling clock restarts."""
    return _decide_with_case(
        command,
        uow,
        lambda case, _tasks, task, now: township.send_back(
            case, task, command.caller, command.reason, now=now
        ),
    )


def release(command: OnTaskWithReason, uow: Uow) -> DepartmentTask:
    """The township takes the department off the case; its clocks stop."""
    return _decide_with_case(
        command,
        uow,
        lambda case, tasks, task, now: township.release_department(
            case, tasks, task, command.caller, command.reason, now=now
        ),
    )


def _decide_on_task(
    command: OnTask, uow: Uow, decide: Callable[[DepartmentTask, datetime], Message]
) -> DepartmentTask:
    """A rule on a task the caller sees; its event and change commit together."""
    with uow:
        task = visible_task(uow, command.task_id, command.caller)
        emit_and_apply(uow, decide(task, uow.now))
        uow.commit()
    return task


def _decide_with_case(
    command: OnTask,
    uow: Uow,
    decide: Callable[[Case, list[DepartmentTask], DepartmentTask, datetime], Message],
) -> DepartmentTask:
    """A rule on a task that needs its whole case, which the caller must see."""
    with uow:
        case, case_tasks, task = task_on_visible_case(uow, command.task_id, command.caller)
        emit_and_apply(uow, decide(case, case_tasks, task, uow.now))
        uow.commit()
    return task
