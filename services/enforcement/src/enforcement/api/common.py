"""What every enforcement endpoint shares: role guards, scoped loading, deciding, committing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import Depends, HTTPException
from sqlmodel import Session

from contracts.events import Message
from enforcement.domain import access
from enforcement.domain.errors import Invalid, NotAllowed, WrongState
from enforcement.store.projection import apply
from enforcement.store.queries import get_task, tasks_of_case
from enforcement.store.tables import Case, DepartmentTask
from govkit.auth import require_roles
from govkit.outbox import record_event
from govkit.principal import Principal
from govkit.service import Runtime

Reader = Annotated[Principal, Depends(require_roles(*access.TASK_READER_ROLES))]
DepartmentOfficer = Annotated[Principal, Depends(require_roles(*access.DEPARTMENT_ROLES))]
TownshipOfficer = Annotated[Principal, Depends(require_roles(*access.TOWNSHIP_ROLES))]
DepartmentOrTownship = Annotated[
    Principal, Depends(require_roles(*access.DEPARTMENT_ROLES, *access.TOWNSHIP_ROLES))
]


def decide_and_commit(
    runtime: Runtime, session: Session, decide: Callable[[datetime], Message]
) -> Message:
    """Run a rule at `now`; record its event and the change it makes in one transaction."""
    now = runtime.clock()
    try:
        event = decide(now)
    except NotAllowed as exc:
        raise HTTPException(403, str(exc)) from exc
    except WrongState as exc:
        raise HTTPException(409, str(exc)) from exc
    except Invalid as exc:
        raise HTTPException(422, str(exc)) from exc
    event_id = runtime.new_id()
    apply(session, event, event_id=event_id, at=now)
    record_event(session, event, source=runtime.source, event_id=event_id, now=now)
    session.commit()
    runtime.relay.notify()
    return event


def visible_task(session: Session, task_id: str, principal: Principal) -> DepartmentTask:
    task = get_task(session, task_id=task_id, scope=access.task_scope(principal))
    if task is None:
        raise HTTPException(404, f"任务不存在或无权查看 (no task {task_id} in your scope)")
    return task


def visible_case(
    session: Session, case_id: str, principal: Principal
) -> tuple[Case, list[DepartmentTask]]:
    case = session.get(Case, case_id)
    tasks = tasks_of_case(session, case_id) if case is not None else []
    if case is None or not access.case_visible(principal, case, tasks):
        raise HTTPException(404, f"案件不存在或无权查看 (no case {case_id} in your scope)")
    return case, tasks


def case_task(session: Session, task_id: str, principal: Principal):
    """A task with its case and the case's other tasks, for the township's decisions."""
    task = session.get(DepartmentTask, task_id)
    if task is None:
        raise HTTPException(404, f"任务不存在或无权查看 (no task {task_id} in your scope)")
    case, tasks = visible_case(session, task.case_id, principal)
    return case, tasks, task
