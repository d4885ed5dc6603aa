"""Enforcement's rules: department tasks (报到 → 处置 → 反馈) and the township's verification.

Pure: functions take the current state and the caller, and return the event that records the
change, or raise a domain error. The store applies events; nothing here does I/O.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Protocol

from contracts.events import (
    CaseClosed,
    DepartmentTaskDispatched,
    DispatchDepartmentTask,
    TaskAcknowledged,
    TaskOutcomeSubmitted,
)
from contracts.vocabulary import Department, TaskOutcome
from govkit.auth import Principal

DEPARTMENT_ROLES = frozenset({"department_officer", "department_lead"})
TASK_READER_ROLES = DEPARTMENT_ROLES | {"township_officer", "district_officer", "leader", "admin"}
VERIFIER_ROLES = frozenset({"township_officer"})
CITY_WIDE_ROLES = frozenset({"leader", "admin"})


class TaskStatus(StrEnum):
    DISPATCHED = "dispatched"
    ACKNOWLEDGED = "acknowledged"
    HANDLED = "handled"


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class TaskState(Protocol):
    task_id: str
    case_id: str
    department: str
    district: str
    township: str
    status: str


class CaseState(Protocol):
    case_id: str
    incident_id: str
    township: str
    status: str


class DomainError(Exception):
    """A request the rules refuse; the message says why, in the user's language first."""


class NotAllowed(DomainError):
    pass


class WrongState(DomainError):
    pass


def task_scope(principal: Principal) -> dict[str, str] | None:
    """Column filters bounding which tasks `principal` sees; None means city-wide."""
    if principal.has_any_role(CITY_WIDE_ROLES):
        return None
    if principal.has_any_role(DEPARTMENT_ROLES):
        return {"department": principal.department or "-", "district": principal.district or "-"}
    if "district_officer" in principal.roles:
        return {"district": principal.district or "-"}
    return {"township": principal.township or "-"}


def dispatched(command: DispatchDepartmentTask, *, now: datetime) -> DepartmentTaskDispatched:
    return DepartmentTaskDispatched(
        task_id=command.task_id,
        case_id=command.case_id,
        department=command.department,
        district=command.district,
        township=command.township,
        acknowledge_by=command.acknowledge_by,
        dispatched_at=now,
    )


def acknowledge(task: TaskState, officer: Principal, *, now: datetime) -> TaskAcknowledged:
    _require_own_department(task, officer)
    if task.status != TaskStatus.DISPATCHED:
        raise WrongState(f"任务已报到 (task {task.task_id} is already {task.status})")
    return TaskAcknowledged(
        task_id=task.task_id,
        case_id=task.case_id,
        department=Department(task.department),
        officer=officer.username,
        acknowledged_at=now,
    )


def submit_outcome(
    task: TaskState, officer: Principal, outcome: TaskOutcome, note: str, *, now: datetime
) -> TaskOutcomeSubmitted:
    _require_own_department(task, officer)
    if task.status != TaskStatus.ACKNOWLEDGED:
        raise WrongState(
            f"请先报到再反馈 (task {task.task_id} is {task.status}; only acknowledged tasks take an outcome)"
        )
    return TaskOutcomeSubmitted(
        task_id=task.task_id,
        case_id=task.case_id,
        department=Department(task.department),
        officer=officer.username,
        outcome=outcome,
        note=note,
        submitted_at=now,
    )


def verify_and_close(
    case: CaseState, tasks: list[TaskState], officer: Principal, *, now: datetime
) -> CaseClosed:
    """事不完人不撤: the township closes a case only when every department has fed back."""
    if not officer.has_any_role(VERIFIER_ROLES) or officer.township != case.township:
        raise NotAllowed(
            "只有属地镇街可以核查结案 (only the case's own township officer may verify)"
        )
    if case.status == CaseStatus.CLOSED:
        raise WrongState(f"案件已结案 (case {case.case_id} is already closed)")
    pending = sorted(t.department for t in tasks if t.status != TaskStatus.HANDLED)
    if not tasks or pending:
        raise WrongState(
            f"尚有部门未反馈 (departments still to feed back: {', '.join(pending) or 'none dispatched yet'})"
        )
    return CaseClosed(
        case_id=case.case_id,
        incident_id=case.incident_id,
        verified_by=officer.username,
        closed_at=now,
    )


def _require_own_department(task: TaskState, officer: Principal) -> None:
    if not officer.has_any_role(DEPARTMENT_ROLES) or officer.department != task.department:
        raise NotAllowed(
            f"只能处理本部门任务 (only {task.department} officers may act on this task)"
        )


def case_visible(principal: Principal, case: CaseState, case_tasks: list[TaskState]) -> bool:
    """A case is seen by its township, its district, the city, and every department called."""
    scope = task_scope(principal)
    if scope is None:
        return True
    if principal.has_any_role(DEPARTMENT_ROLES):
        return any(all(getattr(t, c) == v for c, v in scope.items()) for t in case_tasks)
    if "district_officer" in principal.roles:
        return any(t.district == principal.district for t in case_tasks)
    return case.township == principal.township
