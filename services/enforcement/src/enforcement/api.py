"""Enforcement HTTP API: departments report for duty and feed back; townships verify."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, ConfigDict, Field

from contracts.events import Message
from contracts.vocabulary import TaskOutcome
from enforcement import domain
from enforcement.store import Case, apply, get_task, list_tasks, tasks_of_case, timeline_of_case
from govkit.auth import Principal, require_roles
from govkit.deps import RuntimeDep
from govkit.outbox import record_event
from govkit.service import Runtime

router = APIRouter(tags=["tasks and cases"])

Reader = Annotated[Principal, Depends(require_roles(*domain.TASK_READER_ROLES))]
DepartmentOfficer = Annotated[Principal, Depends(require_roles(*domain.DEPARTMENT_ROLES))]
Verifier = Annotated[Principal, Depends(require_roles(*domain.VERIFIER_ROLES))]


class TaskPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    task_id: str
    case_id: str
    department: str
    district: str
    township: str
    status: str
    acknowledge_by: datetime
    dispatched_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    escalation_level: int
    outcome: str | None
    outcome_note: str | None
    handled_at: datetime | None


class TasksPublic(BaseModel):
    data: list[TaskPublic]
    count: int


class TimelineEntryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    event_type: str
    at: datetime
    data: dict[str, Any]


class CasePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    case_id: str
    incident_id: str
    incident_type: str
    summary: str
    district: str
    township: str
    status: str
    opened_at: datetime
    closed_at: datetime | None
    closed_by: str | None
    tasks: list[TaskPublic] = []
    timeline: list[TimelineEntryPublic] = []


class OutcomeReport(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    outcome: TaskOutcome
    note: str = Field(min_length=1, max_length=2000)


@router.get("/tasks", response_model=TasksPublic)
def read_tasks(
    reader: Reader,
    runtime: RuntimeDep,
    status: domain.TaskStatus | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    """Department tasks in the caller's department and jurisdiction."""
    with runtime.session() as session:
        rows, count = list_tasks(
            session, scope=domain.task_scope(reader), status=status, offset=offset, limit=limit
        )
    return TasksPublic(data=[TaskPublic.model_validate(r) for r in rows], count=count)


@router.get("/tasks/{task_id}", response_model=TaskPublic)
def read_task(task_id: str, reader: Reader, runtime: RuntimeDep):
    """One task, if it is within the caller's scope."""
    with runtime.session() as session:
        return _visible_task(session, task_id, reader)


@router.post("/tasks/{task_id}/acknowledge", response_model=TaskPublic)
def acknowledge_task(task_id: str, officer: DepartmentOfficer, runtime: RuntimeDep):
    """Report for duty on a task (部门报到)."""
    return _change_task(
        runtime, task_id, officer, lambda task, now: domain.acknowledge(task, officer, now=now)
    )


@router.post("/tasks/{task_id}/outcome", response_model=TaskPublic)
def submit_outcome(
    task_id: str, report: OutcomeReport, officer: DepartmentOfficer, runtime: RuntimeDep
):
    """Feed back what the department did (处置反馈)."""
    return _change_task(
        runtime,
        task_id,
        officer,
        lambda task, now: domain.submit_outcome(
            task, officer, report.outcome, report.note, now=now
        ),
    )


@router.get("/cases/{case_id}", response_model=CasePublic)
def read_case(case_id: str, reader: Reader, runtime: RuntimeDep):
    """A case with its department tasks and full timeline."""
    with runtime.session() as session:
        case, tasks = _visible_case(session, case_id, reader)
        timeline = timeline_of_case(session, case_id)
        return CasePublic.model_validate(case).model_copy(
            update={
                "tasks": [TaskPublic.model_validate(t) for t in tasks],
                "timeline": [TimelineEntryPublic.model_validate(e) for e in timeline],
            }
        )


@router.post("/cases/{case_id}/verify", response_model=CasePublic)
def verify_case(case_id: str, officer: Verifier, runtime: RuntimeDep):
    """The township verifies every department's result and closes the case (核查结案)."""
    with runtime.session() as session:
        case, tasks = _visible_case(session, case_id, officer)
        now = runtime.clock()
        event = _decide(lambda: domain.verify_and_close(case, tasks, officer, now=now))
        _commit(session, runtime, event, now)
        session.refresh(case)
        return CasePublic.model_validate(case).model_copy(
            update={"tasks": [TaskPublic.model_validate(t) for t in tasks]}
        )


def _change_task(runtime: Runtime, task_id: str, officer: Principal, decide) -> TaskPublic:
    with runtime.session() as session:
        task = _visible_task(session, task_id, officer)
        now = runtime.clock()
        event = _decide(lambda: decide(task, now))
        _commit(session, runtime, event, now)
        session.refresh(task)
        return TaskPublic.model_validate(task)


def _commit(session, runtime: Runtime, event: Message, now: datetime) -> None:
    event_id = runtime.new_id()
    apply(session, event, event_id=event_id, at=now)
    record_event(session, event, source=runtime.source, event_id=event_id, now=now)
    session.commit()
    runtime.relay.notify()


def _decide(decision):
    try:
        return decision()
    except domain.NotAllowed as exc:
        raise HTTPException(403, str(exc)) from exc
    except domain.WrongState as exc:
        raise HTTPException(409, str(exc)) from exc


def _visible_task(session, task_id: str, principal: Principal):
    task = get_task(session, task_id=task_id, scope=domain.task_scope(principal))
    if task is None:
        raise HTTPException(404, f"任务不存在或无权查看 (no task {task_id} in your scope)")
    return task


def _visible_case(session, case_id: str, principal: Principal) -> tuple[Case, list]:
    case = session.get(Case, case_id)
    tasks = tasks_of_case(session, case_id) if case is not None else []
    if case is None or not domain.case_visible(principal, case, tasks):
        raise HTTPException(404, f"案件不存在或无权查看 (no case {case_id} in your scope)")
    return case, tasks
