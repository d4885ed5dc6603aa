"""Who sees and who may act: roles for what, token attributes for where and which department."""

from __future__ import annotations

from enforcement.domain.errors import NotAllowed
from enforcement.domain.states import CaseState, TaskState
from govkit.principal import Principal

DEPARTMENT_ROLES = frozenset({"department_officer", "department_lead"})
TASK_READER_ROLES = DEPARTMENT_ROLES | {"township_officer", "district_officer", "leader", "admin"}
TOWNSHIP_ROLES = frozenset({"township_officer"})
CITY_WIDE_ROLES = frozenset({"leader", "admin"})


def task_scope(principal: Principal) -> dict[str, str] | None:
    """Column filters bounding which tasks `principal` sees; None means city-wide."""
    if principal.has_any_role(CITY_WIDE_ROLES):
        return None
    if principal.has_any_role(DEPARTMENT_ROLES):
        return {"department": principal.department or "-", "district": principal.district or "-"}
    if "district_officer" in principal.roles:
        return {"district": principal.district or "-"}
    return {"township": principal.township or "-"}


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


def require_own_department(task: TaskState, officer: Principal) -> None:
    if not officer.has_any_role(DEPARTMENT_ROLES) or officer.department != task.department:
        raise NotAllowed(
            f"只能处理本部门任务 (only {task.department} officers may act on this task)"
        )


def require_own_township(case: CaseState, officer: Principal) -> None:
    if not officer.has_any_role(TOWNSHIP_ROLES) or officer.township != case.township:
        raise NotAllowed(
            "只有属地镇街可以处理 (only the case's own township officer may decide this)"
        )
