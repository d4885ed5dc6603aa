"""Department tasks: 报到, dispute, feed back, pause; and the township's decisions on a task."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from contracts.vocabulary import TaskStatus
from enforcement.api.common import (
    DepartmentOfficer,
    DepartmentOrTownship,
    Reader,
    TownshipOfficer,
    case_task,
    decide_and_commit,
    visible_task,
)
from enforcement.api.models import (
    OutcomeReport,
    Page,
    PauseDecision,
    PauseRequest,
    Reason,
    Ruling,
    TaskPublic,
)
from enforcement.domain import access, department, township
from enforcement.store.queries import list_tasks
from govkit.deps import RuntimeDep

router = APIRouter(tags=["department tasks"])


@router.get("/tasks", response_model=Page[TaskPublic])
def read_tasks(
    reader: Reader,
    runtime: RuntimeDep,
    status: TaskStatus | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    """Department tasks in the caller's department and jurisdiction, newest first."""
    with runtime.session() as session:
        rows, count = list_tasks(
            session, scope=access.task_scope(reader), status=status, offset=offset, limit=limit
        )
    return Page[TaskPublic](data=[TaskPublic.model_validate(r) for r in rows], count=count)


@router.get("/tasks/{task_id}", response_model=TaskPublic)
def read_task(task_id: str, reader: Reader, runtime: RuntimeDep):
    with runtime.session() as session:
        return TaskPublic.model_validate(visible_task(session, task_id, reader))


def _department_acts(task_id: str, officer, runtime, decide) -> TaskPublic:
    with runtime.session() as session:
        task = visible_task(session, task_id, officer)
        decide_and_commit(runtime, session, lambda now: decide(task, now))
        session.refresh(task)
        return TaskPublic.model_validate(task)


def _township_decides(task_id: str, officer, runtime, decide) -> TaskPublic:
    with runtime.session() as session:
        case, tasks, task = case_task(session, task_id, officer)
        decide_and_commit(runtime, session, lambda now: decide(case, tasks, task, now))
        session.refresh(task)
        return TaskPublic.model_validate(task)


@router.post("/tasks/{task_id}/acknowledge", response_model=TaskPublic)
def acknowledge_task(task_id: str, officer: DepartmentOfficer, runtime: RuntimeDep):
    """Report for duty on a task (部门报到)."""
    return _department_acts(
        task_id, officer, runtime, lambda t, now: department.acknowledge(t, officer, now=now)
    )


@router.post("/tasks/{task_id}/dispute", response_model=TaskPublic)
def dispute_task(task_id: str, body: Reason, officer: DepartmentOfficer, runtime: RuntimeDep):
    """Say the task is not this department's responsibility (异议); the township rules."""
    return _department_acts(
        task_id,
        officer,
        runtime,
        lambda t, now: department.dispute(t, officer, body.reason, now=now),
    )


@router.post("/tasks/{task_id}/outcome", response_model=TaskPublic)
def submit_outcome(
    task_id: str, report: OutcomeReport, officer: DepartmentOfficer, runtime: RuntimeDep
):
    """Feed back what the department did (处置反馈); a fine needs its amount in yuan."""
    return _department_acts(
        task_id,
        officer,
        runtime,
        lambda t, now: department.submit_outcome(
            t, officer, report.outcome, report.note, report.fine_amount_yuan, now=now
        ),
    )


@router.post("/tasks/{task_id}/pause", response_model=TaskPublic)
def request_pause(
    task_id: str, body: PauseRequest, officer: DepartmentOfficer, runtime: RuntimeDep
):
    """Ask the township to stop the handling clock for a typed reason (挂起)."""
    return _department_acts(
        task_id,
        officer,
        runtime,
        lambda t, now: department.request_pause(
            t, officer, body.reason, body.note, pause_id=runtime.new_id(), now=now
        ),
    )


@router.post("/tasks/{task_id}/resume", response_model=TaskPublic)
def resume_clock(task_id: str, principal: DepartmentOrTownship, runtime: RuntimeDep):
    """Restart a paused clock; the paused time does not count against the department."""
    with runtime.session() as session:
        _, _, task = case_task(session, task_id, principal)
        decide_and_commit(runtime, session, lambda now: department.resume(task, principal, now=now))
        session.refresh(task)
        return TaskPublic.model_validate(task)


@router.post("/tasks/{task_id}/pause/decision", response_model=TaskPublic)
def decide_pause(task_id: str, body: PauseDecision, officer: TownshipOfficer, runtime: RuntimeDep):
    """The township approves (the clock stops) or refuses a pause request."""
    return _township_decides(
        task_id,
        officer,
        runtime,
        lambda case, _, t, now: township.decide_pause(case, t, officer, body.approved, now=now),
    )


@router.post("/tasks/{task_id}/ruling", response_model=TaskPublic)
def rule_dispute(task_id: str, body: Ruling, officer: TownshipOfficer, runtime: RuntimeDep):
    """Rule on a dispute: `insist` (the department must act) or `reassign` to another one."""
    return _township_decides(
        task_id,
        officer,
        runtime,
        lambda case, tasks, t, now: township.rule_dispute(
            case, tasks, t, officer, body.ruling, body.reassign_to, body.reason, now=now
        ),
    )


@router.post("/tasks/{task_id}/send-back", response_model=TaskPublic)
def send_back(task_id: str, body: Reason, officer: TownshipOfficer, runtime: RuntimeDep):
    """返工: refuse the result; the department's handling clock restarts."""
    return _township_decides(
        task_id,
        officer,
        runtime,
        lambda case, _, t, now: township.send_back(case, t, officer, body.reason, now=now),
    )


@router.post("/tasks/{task_id}/release", response_model=TaskPublic)
def release_department(task_id: str, body: Reason, officer: TownshipOfficer, runtime: RuntimeDep):
    """Take this department off the case; its clocks stop."""
    return _township_decides(
        task_id,
        officer,
        runtime,
        lambda case, tasks, t, now: township.release_department(
            case, tasks, t, officer, body.reason, now=now
        ),
    )
