"""Department tasks: 报到, dispute, feed back, pause; and the township's decisions on a task."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from enforcement.api.guards import DepartmentOfficer, DepartmentOrTownship, Reader, TownshipOfficer
from enforcement.api.models import TaskPublic
from enforcement.domain.filters import TaskFilters
from enforcement.domain.requests import OutcomeReport, PauseDecision, PauseRequest, Reason, Ruling
from enforcement.service import tasks
from govkit.http import Page, PageDep, UowDep

router = APIRouter(tags=["department tasks"])


@router.get("/tasks", response_model=Page[TaskPublic])
def read_tasks(
    reader: Reader, filters: Annotated[TaskFilters, Query()], page: PageDep, uow: UowDep
):
    """Tasks in the caller's department and jurisdiction, newest first; filters only narrow."""
    rows, count = tasks.tasks(reader, filters, page, uow)
    return Page[TaskPublic](data=rows, count=count)


@router.get("/tasks/{task_id}", response_model=TaskPublic)
def read_task(task_id: str, reader: Reader, uow: UowDep):
    """One task, if it is within the caller's scope."""
    return tasks.task(task_id, reader, uow)


@router.post("/tasks/{task_id}/acknowledge", response_model=TaskPublic)
def acknowledge_task(task_id: str, officer: DepartmentOfficer, uow: UowDep):
    """Report for duty on a task (部门报到)."""
    return tasks.acknowledge(tasks.OnTask(task_id, officer), uow)


@router.post("/tasks/{task_id}/dispute", response_model=TaskPublic)
def dispute_task(task_id: str, body: Reason, officer: DepartmentOfficer, uow: UowDep):
    """Say the task is not this department's responsibility (异议); the township rules."""
    return tasks.dispute(tasks.OnTaskWithReason(task_id, officer, body.reason), uow)


@router.post("/tasks/{task_id}/outcome", response_model=TaskPublic)
def submit_outcome(task_id: str, report: OutcomeReport, officer: DepartmentOfficer, uow: UowDep):
    """Feed back what the department did (处置反馈); a fine needs its amount in yuan."""
    return tasks.submit_outcome(tasks.SubmitOutcome(task_id, officer, report), uow)


@router.post("/tasks/{task_id}/pause", response_model=TaskPublic)
def request_pause(task_id: str, body: PauseRequest, officer: DepartmentOfficer, uow: UowDep):
    """Ask the township to stop the handling clock for a typed reason (挂起)."""
    return tasks.request_pause(tasks.RequestPause(task_id, officer, body), uow)


@router.post("/tasks/{task_id}/resume", response_model=TaskPublic)
def resume_clock(task_id: str, caller: DepartmentOrTownship, uow: UowDep):
    """Restart a paused clock; the paused time does not count against the department."""
    return tasks.resume(tasks.OnTask(task_id, caller), uow)


@router.post("/tasks/{task_id}/pause/decision", response_model=TaskPublic)
def decide_pause(task_id: str, body: PauseDecision, officer: TownshipOfficer, uow: UowDep):
    """The township approves (the clock stops) or refuses a pause request."""
    return tasks.decide_pause(tasks.DecidePause(task_id, officer, body.approved), uow)


@router.post("/tasks/{task_id}/ruling", response_model=TaskPublic)
def rule_dispute(task_id: str, body: Ruling, officer: TownshipOfficer, uow: UowDep):
    """Rule on a dispute: `insist` (the department must act) or `reassign` to another one."""
    return tasks.rule_dispute(tasks.RuleDispute(task_id, officer, body), uow)


@router.post("/tasks/{task_id}/send-back", response_model=TaskPublic)
def send_back(task_id: str, body: Reason, officer: TownshipOfficer, uow: UowDep):
    """返工: refuse the result; the department's handling clock restarts."""
    return tasks.send_back(tasks.OnTaskWithReason(task_id, officer, body.reason), uow)


@router.post("/tasks/{task_id}/release", response_model=TaskPublic)
def release_department(task_id: str, body: Reason, officer: TownshipOfficer, uow: UowDep):
    """Take this department off the case; its clocks stop."""
    return tasks.release(tasks.OnTaskWithReason(task_id, officer, body.reason), uow)
