"""What a department does with its task: 报到, dispute, feed back, ask to pause the clock."""

from __future__ import annotations

from datetime import datetime

from contracts.events import (
    ClockPauseRequested,
    ClockResumed,
    TaskAcknowledged,
    TaskDisputed,
    TaskOutcomeSubmitted,
)
from contracts.vocabulary import Department, PauseReason, TaskOutcome, TaskStatus
from enforcement.domain.access import TOWNSHIP_ROLES, require_own_department
from enforcement.domain.states import PauseState, TaskState
from govkit.errors import Invalid, NotAllowed, WrongState
from govkit.principal import Principal


def acknowledge(task: TaskState, officer: Principal, *, now: datetime) -> TaskAcknowledged:
    require_own_department(task, officer)
    _require_status(task, TaskStatus.DISPATCHED, "报到")
    return TaskAcknowledged(
        task_id=task.task_id,
        case_id=task.case_id,
        department=Department(task.department),
        officer=officer.username,
        acknowledged_at=now,
    )


def dispute(task: TaskState, officer: Principal, reason: str, *, now: datetime) -> TaskDisputed:
    """Instead of 报到, say the task is not this department's; the township must rule."""
    require_own_department(task, officer)
    _require_status(task, TaskStatus.DISPATCHED, "提出异议 (dispute)")
    return TaskDisputed(
        task_id=task.task_id,
        case_id=task.case_id,
        department=Department(task.department),
        officer=officer.username,
        reason=reason,
        disputed_at=now,
    )


def submit_outcome(
    task: TaskState,
    officer: Principal,
    outcome: TaskOutcome,
    note: str,
    fine_amount_yuan: int | None,
    *,
    now: datetime,
) -> TaskOutcomeSubmitted:
    require_own_department(task, officer)
    _require_status(task, TaskStatus.ACKNOWLEDGED, "反馈 (feed back)")
    if task.pause_state == PauseState.PAUSED:
        raise WrongState(f"计时已挂起，请先恢复 (task {task.task_id} is paused; resume it first)")
    require_fine_matches(outcome, fine_amount_yuan)
    return TaskOutcomeSubmitted(
        task_id=task.task_id,
        case_id=task.case_id,
        department=Department(task.department),
        officer=officer.username,
        outcome=outcome,
        note=note,
        fine_amount_yuan=fine_amount_yuan,
        submitted_at=now,
    )


def request_pause(
    task: TaskState,
    officer: Principal,
    reason: PauseReason,
    note: str,
    *,
    pause_id: str,
    now: datetime,
) -> ClockPauseRequested:
    """Ask the township to stop the handling clock, e.g. while a legal procedure runs."""
    require_own_department(task, officer)
    _require_status(task, TaskStatus.ACKNOWLEDGED, "申请挂起 (ask for a pause)")
    if task.pause_state != PauseState.NONE:
        raise WrongState(
            f"已有挂起申请或已挂起 (task {task.task_id} is already {task.pause_state})"
        )
    return ClockPauseRequested(
        pause_id=pause_id,
        task_id=task.task_id,
        case_id=task.case_id,
        department=Department(task.department),
        reason=reason,
        note=note,
        requested_by=officer.username,
        requested_at=now,
    )


def resume(task: TaskState, principal: Principal, *, now: datetime) -> ClockResumed:
    """The department (or the township) restarts a paused clock."""
    if not principal.has_any_role(TOWNSHIP_ROLES):
        require_own_department(task, principal)
    elif principal.township != task.township:
        raise NotAllowed("只有属地镇街可以恢复计时 (only the case's own township may resume)")
    if task.pause_state != PauseState.PAUSED or task.pause_id is None:
        raise WrongState(f"计时未挂起 (the clock of task {task.task_id} is not paused)")
    return ClockResumed(
        pause_id=task.pause_id,
        task_id=task.task_id,
        case_id=task.case_id,
        department=Department(task.department),
        resumed_by=principal.username,
        resumed_at=now,
    )


def require_fine_matches(outcome: TaskOutcome, fine_amount_yuan: int | None) -> None:
    """A fine needs its amount; no other outcome takes one."""
    if outcome == TaskOutcome.FINED and fine_amount_yuan is None:
        raise Invalid("罚款须填写金额 (outcome 'fined' needs fine_amount_yuan, a whole number ≥ 1)")
    if outcome != TaskOutcome.FINED and fine_amount_yuan is not None:
        raise Invalid(f"只有罚款可填写金额 (fine_amount_yuan is only for 'fined', not {outcome})")


def _require_status(task: TaskState, status: TaskStatus, action: str) -> None:
    if task.status != status:
        raise WrongState(
            f"任务当前状态不能{action} (task {task.task_id} is {task.status}; it must be {status})"
        )
