"""What the township decides on its case: rulings, pauses, who is called, joint actions, closure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from contracts.events import (
    CaseClosed,
    ClockPauseDecided,
    DepartmentReleased,
    DepartmentsCalled,
    DisputeRuled,
    JointActionRecorded,
    JointActionScheduled,
    TaskSentBack,
)
from contracts.vocabulary import Department, DisputeRuling, TaskOutcome, TaskStatus
from enforcement.domain.access import require_own_township
from enforcement.domain.department import require_fine_matches
from enforcement.domain.states import (
    CaseState,
    CaseStatus,
    JointActionState,
    PauseState,
    TaskState,
    active,
)
from govkit.errors import Invalid, WrongState
from govkit.principal import Principal


def verify_and_close(
    case: CaseState,
    tasks: Sequence[TaskState],
    actions: Sequence[JointActionState],
    officer: Principal,
    *,
    now: datetime,
) -> CaseClosed:
    """事不完人不撤: close only when every department still on the case has fed back."""
    _require_open(case, officer)
    pending = sorted(t.department for t in tasks if active(t) and t.status != TaskStatus.FED_BACK)
    if not any(active(t) for t in tasks) or pending:
        raise WrongState(
            f"尚有部门未反馈 (departments still to feed back: {', '.join(pending) or 'none dispatched yet'})"
        )
    unrecorded = sorted(a.action_id for a in actions if a.recorded_at is None)
    if unrecorded:
        raise WrongState(
            f"联合执法结果未登记 (joint actions without an outcome: {', '.join(unrecorded)})"
        )
    return CaseClosed(
        case_id=case.case_id,
        incident_id=case.incident_id,
        verified_by=officer.username,
        closed_at=now,
    )


def rule_dispute(
    case: CaseState,
    tasks: Sequence[TaskState],
    task: TaskState,
    officer: Principal,
    ruling: DisputeRuling,
    reassign_to: Department | None,
    reason: str,
    *,
    now: datetime,
) -> DisputeRuled:
    """Insist (the department must act) or reassign the task to another department."""
    _require_open(case, officer)
    if task.status != TaskStatus.DISPUTED:
        raise WrongState(
            f"任务没有待裁定的异议 (task {task.task_id} is {task.status}, not disputed)"
        )
    if ruling == DisputeRuling.INSIST and reassign_to is not None:
        raise Invalid("坚持原派单时不能指定新部门 (ruling 'insist' takes no reassign_to)")
    if ruling == DisputeRuling.REASSIGN:
        if reassign_to is None:
            raise Invalid("改派须指定部门 (ruling 'reassign' needs reassign_to, a department)")
        _require_not_on_case(tasks, [reassign_to])
    return DisputeRuled(
        task_id=task.task_id,
        case_id=task.case_id,
        department=Department(task.department),
        ruling=ruling,
        reassign_to=reassign_to,
        reason=reason,
        ruled_by=officer.username,
        ruled_at=now,
    )


def send_back(
    case: CaseState, task: TaskState, officer: Principal, reason: str, *, now: datetime
) -> TaskSentBack:
    """返工: the result is not accepted; the department's handling clock restarts."""
    _require_open(case, officer)
    if task.status != TaskStatus.FED_BACK:
        raise WrongState(
            f"只能退回已反馈的任务 (task {task.task_id} is {task.status}, not fed_back)"
        )
    return rework(task, officer, reason, now=now)


def rework(task: TaskState, by: Principal, reason: str, *, now: datetime) -> TaskSentBack:
    """The task goes back to its department to be handled again, one rework more."""
    return TaskSentBack(
        task_id=task.task_id,
        case_id=task.case_id,
        department=Department(task.department),
        reason=reason,
        officer=by.username,
        rework_count=task.rework_count + 1,
        sent_back_at=now,
    )


def decide_pause(
    case: CaseState, task: TaskState, officer: Principal, approved: bool, *, now: datetime
) -> ClockPauseDecided:
    _require_open(case, officer)
    if task.pause_state != PauseState.REQUESTED or task.pause_id is None:
        raise WrongState(f"没有待审批的挂起申请 (task {task.task_id} has no pause request)")
    return ClockPauseDecided(
        pause_id=task.pause_id,
        task_id=task.task_id,
        case_id=task.case_id,
        department=Department(task.department),
        approved=approved,
        decided_by=officer.username,
        decided_at=now,
    )


def call_departments(
    case: CaseState,
    tasks: Sequence[TaskState],
    officer: Principal,
    departments: list[Department],
    reason: str,
    *,
    now: datetime,
) -> DepartmentsCalled:
    """吹哨 by hand: call more departments onto the case."""
    _require_open(case, officer)
    if len(set(departments)) != len(departments):
        raise Invalid("部门重复 (each department may be named once)")
    _require_not_on_case(tasks, departments)
    return DepartmentsCalled(
        case_id=case.case_id,
        departments=departments,
        reason=reason,
        called_by=officer.username,
        called_at=now,
    )


def release_department(
    case: CaseState,
    tasks: Sequence[TaskState],
    task: TaskState,
    officer: Principal,
    reason: str,
    *,
    now: datetime,
) -> DepartmentReleased:
    """Take a department off the case; someone must stay on it."""
    _require_open(case, officer)
    if not active(task) or task.status == TaskStatus.FED_BACK:
        raise WrongState(f"该部门不能撤出 (task {task.task_id} is {task.status})")
    if not any(active(t) and t.task_id != task.task_id for t in tasks):
        raise WrongState("案件至少保留一个部门 (the last department on a case cannot be released)")
    return DepartmentReleased(
        task_id=task.task_id,
        case_id=task.case_id,
        department=Department(task.department),
        reason=reason,
        released_by=officer.username,
        released_at=now,
    )


def schedule_joint_action(
    case: CaseState,
    tasks: Sequence[TaskState],
    officer: Principal,
    departments: list[Department],
    scheduled_for: datetime,
    place: str,
    *,
    action_id: str,
    now: datetime,
) -> JointActionScheduled:
    """联合执法: an on-site action with at least two of the departments on the case."""
    _require_open(case, officer)
    on_case = {t.department for t in tasks if active(t)}
    if len(set(departments)) < 2:
        raise Invalid("联合执法至少两个部门 (a joint action needs at least two departments)")
    if missing := sorted(d for d in set(departments) if d not in on_case):
        raise Invalid(
            f"部门不在本案中 (not on this case: {', '.join(missing)}; on it: {', '.join(sorted(on_case))})"
        )
    return JointActionScheduled(
        action_id=action_id,
        case_id=case.case_id,
        departments=sorted(set(departments)),
        scheduled_for=scheduled_for,
        place=place,
        scheduled_by=officer.username,
        scheduled_at=now,
    )


def record_joint_action(
    case: CaseState,
    action: JointActionState,
    officer: Principal,
    outcome: TaskOutcome,
    fine_amount_yuan: int | None,
    note: str,
    *,
    now: datetime,
) -> JointActionRecorded:
    _require_open(case, officer)
    if action.recorded_at is not None:
        raise WrongState(
            f"联合执法结果已登记 (joint action {action.action_id} is already recorded)"
        )
    require_fine_matches(outcome, fine_amount_yuan)
    return JointActionRecorded(
        action_id=action.action_id,
        case_id=case.case_id,
        outcome=outcome,
        fine_amount_yuan=fine_amount_yuan,
        note=note,
        recorded_by=officer.username,
        recorded_at=now,
    )


def _require_open(case: CaseState, officer: Principal) -> None:
    require_own_township(case, officer)
    if case.status == CaseStatus.CLOSED:
        raise WrongState(f"案件已结案 (case {case.case_id} is already closed)")


def _require_not_on_case(tasks: Sequence[TaskState], departments: Sequence[Department]) -> None:
    already = sorted({t.department for t in tasks if active(t)} & set(departments))
    if already:
        raise Invalid(f"部门已在本案中 (already on this case: {', '.join(already)})")
