"""Oversight HTTP API: leadership metrics per department, township or week, within scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import AfterValidator, BaseModel

from govkit.auth import require_roles
from govkit.deps import RuntimeDep
from govkit.principal import Principal
from oversight.access import VIEWER_ROLES, check_week, check_week_range, metrics_scope
from oversight.metrics import GroupBy, GroupMetrics, aggregate
from oversight.store import facts_in_scope

router = APIRouter(prefix="/metrics", tags=["metrics"])

Viewer = Annotated[Principal, Depends(require_roles(*VIEWER_ROLES))]
Week = Annotated[
    str | None,
    AfterValidator(check_week),
    Query(description="ISO week in Asia/Shanghai, inclusive, e.g. 2026-W47"),
]


class MetricsPublic(BaseModel):
    group_by: GroupBy
    scope: dict[str, str]
    data: list[GroupMetrics]
    count: int


@router.get("", response_model=MetricsPublic)
def read_metrics(
    viewer: Viewer,
    runtime: RuntimeDep,
    group_by: Annotated[GroupBy, Query(description="department, township or week")],
    district: Annotated[str | None, Query(min_length=1)] = None,
    from_week: Week = None,
    to_week: Week = None,
):
    """Leadership metrics (考核指标) per group, over the department tasks in the caller's scope.

    Scope: leader and admin see the city; a district officer their district; a township
    officer their township; a department lead their department in their district. Filters
    narrow the scope, never widen it; weeks are the ISO week of the task's dispatch.

    A task is *counted* unless it ended reassigned or released. Per group:
    tasks_dispatched = all tasks; response_rate (响应率) = counted tasks acknowledged at or
    before the acknowledge deadline in force when acknowledged / counted tasks;
    on_time_completion_rate (按期办结率) = counted tasks whose last feedback came at or before the
    handling deadline in force then / counted tasks fed back; rework_rate (返工率) = counted
    tasks sent back at least once / counted tasks fed back; overdue_tasks = tasks with an
    acknowledge or handle escalation; escalations = such escalations (ruling escalations are
    the township's and never counted); time_to_acknowledge = mean seconds dispatch → first
    报到 over counted acknowledged tasks; time_to_close = mean seconds dispatch → case closed
    over counted tasks of closed cases; cases_closed = distinct closed cases of counted tasks.
    Rates and means carry integer numerator and denominator; durations are whole seconds.
    """
    try:
        check_week_range(from_week, to_week)
    except ValueError as exc:
        raise HTTPException(
            422, [{"loc": ["query", "to_week"], "msg": str(exc), "type": "value_error"}]
        ) from exc
    scope = metrics_scope(viewer)
    with runtime.session() as session:
        tasks, cases = facts_in_scope(
            session, scope=scope, district=district, from_week=from_week, to_week=to_week
        )
    groups = aggregate(tasks, cases, group_by)
    return MetricsPublic(group_by=group_by, scope=scope, data=groups, count=len(groups))
