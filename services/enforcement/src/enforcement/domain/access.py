"""Who sees and who may act: roles for what, token attributes for where and which department."""

from __future__ import annotations

from collections.abc import Sequence

from enforcement.domain.states import CaseState, TaskState
from govkit.errors import NotAllowed
from govkit.principal import CITY_WIDE_ROLES, DEPARTMENT_ROLES, Principal, Role
from govkit.principal import bounds_the_case as bounds_the_case
from govkit.principal import case_in_scope as case_in_scope
from govkit.principal import task_scope as task_scope

TOWNSHIP_ROLES = frozenset({Role.TOWNSHIP_OFFICER})
TASK_READER_ROLES = DEPARTMENT_ROLES | TOWNSHIP_ROLES | {Role.DISTRICT_OFFICER} | CITY_WIDE_ROLES
CASE_READER_ROLES = TASK_READER_ROLES | {Role.GRID_WORKER}
"""Grid workers read their grid's cases (and confirm, or rate their own reports), not tasks."""
REPORTER_ROLES = frozenset({Role.GRID_WORKER, Role.TOWNSHIP_OFFICER})
ACCOUNTABILITY_READER_ROLES = frozenset({Role.DEPARTMENT_LEAD, Role.DISTRICT_OFFICER}) | (
    CITY_WIDE_ROLES
)


def case_visible(principal: Principal, case: CaseState, case_tasks: Sequence[TaskState]) -> bool:
    """A case is seen by its township, its district, the city, and every department called."""
    return case_in_scope(task_scope(principal), case, case_tasks)


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
