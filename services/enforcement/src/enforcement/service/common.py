"""What every use case shares: recording a decision, and loading only what the caller may see."""

from __future__ import annotations

from contracts.events import Message
from enforcement.domain import access
from enforcement.store.projection import apply
from enforcement.store.repository import EnforcementRepository
from enforcement.store.tables import Case, DepartmentTask, JointAction
from govkit.errors import NotFound
from govkit.principal import Principal
from govkit.uow import UnitOfWork

Uow = UnitOfWork[EnforcementRepository]


def emit_and_apply(uow: Uow, event: Message) -> None:
    """Announce the event (it leaves on commit) and apply it to the rows, timeline, notices."""
    event_id = uow.emit(event)
    apply(uow.repo, event, event_id=event_id, at=uow.now)


def visible_task(uow: Uow, task_id: str, principal: Principal) -> DepartmentTask:
    task = uow.repo.task(task_id)
    if task is None or not access.task_scope(principal).admits(task):
        raise _no_task(task_id)
    return task


def visible_case(uow: Uow, case_id: str, principal: Principal) -> tuple[Case, list[DepartmentTask]]:
    """The case and its tasks, if the principal may see the case."""
    case = uow.repo.case(case_id)
    tasks = uow.repo.tasks_of_case(case_id) if case is not None else []
    if case is None or not access.case_visible(principal, case, tasks):
        raise NotFound(f"案件不存在或无权查看 (no case {case_id} in your scope)")
    return case, tasks


def task_on_visible_case(
    uow: Uow, task_id: str, principal: Principal
) -> tuple[Case, list[DepartmentTask], DepartmentTask]:
    """A task with its case and the case's tasks, for decisions about the whole case."""
    task = uow.repo.task(task_id)
    if task is None:
        raise _no_task(task_id)
    case, tasks = visible_case(uow, task.case_id, principal)
    return case, tasks, task


def joint_action_on(uow: Uow, case: Case, action_id: str) -> JointAction:
    action = uow.repo.joint_action(action_id)
    if action is None or action.case_id != case.case_id:
        raise NotFound(f"联合执法不存在 (no joint action {action_id} on this case)")
    return action


def _no_task(task_id: str) -> NotFound:
    return NotFound(f"任务不存在或无权查看 (no task {task_id} in your scope)")
