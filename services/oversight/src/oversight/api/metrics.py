"""Leadership metrics per department, township or week, within the caller's scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from govkit.auth import require_roles
from govkit.exports import DOWNLOAD, FileFormat, download
from govkit.http import UowDep
from govkit.principal import Principal
from oversight import exports, service
from oversight.domain.access import VIEWER_ROLES
from oversight.domain.metrics import GroupBy, GroupMetrics
from oversight.domain.query import MetricsQuery
from oversight.exports import FILE_NAMES

router = APIRouter(prefix="/metrics", tags=["metrics"])

Viewer = Annotated[Principal, Depends(require_roles(VIEWER_ROLES))]


class MetricsPublic(BaseModel):
    group_by: GroupBy
    scope: dict[str, str]
    data: list[GroupMetrics]
    count: int
    # The same figures over every task of the query together, group `all` (the cockpit's cards).
    total: GroupMetrics
    # How far the working calendar reaches; a warning 60 days before its loaded years run out.
    calendar: str


@router.get("", response_model=MetricsPublic)
def read_metrics(
    viewer: Viewer, query: Annotated[MetricsQuery, Query()], uow: UowDep, request: Request
):
    """Leadership metrics (考核指标) per group, over the department tasks in the caller's scope.

    Scope: leader and admin see the city; a district officer their district; a township
    officer their township; a department lead their department in their district. Filters
    (district, township, department, incident_type, from_week/to_week: the ISO week of the
    task's dispatch, opened_from/opened_to: the Asia/Shanghai day its case was opened) narrow
    the scope, never widen it. `total` is every figure over all the query's tasks together.

    A task is *counted* unless it ended reassigned or released. Per group:
    tasks_dispatched = all tasks; response_rate (响应率) = counted tasks acknowledged at or
    before the acknowledge deadline in force when acknowledged / counted tasks;
    on_time_completion_rate (按期办结率) = counted tasks whose last feedback came at or before the
    handling deadline in force then / counted tasks fed back; rework_rate (返工率) = counted
    tasks sent back at least once / counted tasks fed back; overdue_tasks = tasks with an
    acknowledge or handle escalation; escalations = such escalations (ruling escalations are
    the township's and never counted); time_to_acknowledge = mean seconds dispatch → first
    报到 over counted acknowledged tasks; time_to_close = mean seconds dispatch → case closed
    over counted tasks of closed cases; cases_closed = distinct closed cases of counted tasks
    (closed while the township's closure is in force: a re-opening undoes it);
    resolution_rate (解决率) = closed cases confirmed solved on site / cases_closed;
    satisfaction_rate (满意率) = closed cases rated satisfied or basically satisfied / closed
    cases rated; not_rated_share = closed cases whose rating window closed unrated / closed
    cases rated or not rated; cases = distinct cases of the group's tasks (counted or not):
    total, open, closed, overdue (a task missed its 报到 or 处置 deadline), escalated (a task
    at escalation level 2, the district office, or higher on any clock); ladder = 督办单 /
    通报 / 约谈 / 问责 issued for misses on the group's tasks. Rates and means carry integer
    numerator and denominator; durations are whole seconds.
    `calendar` warns from 60 days before the working calendar's loaded years run out, since
    working-time deadlines after that follow the weekday rule alone.
    """
    scope, groups, total = service.metrics_and_total(query, viewer, uow)
    return MetricsPublic(
        group_by=query.group_by,
        scope=scope.filters(),
        data=groups,
        count=len(groups),
        total=total,
        calendar=request.app.state.calendar.current.coverage(uow.now),
    )


@router.get("/export", response_class=StreamingResponse, responses=DOWNLOAD)
def export_metrics(
    viewer: Viewer,
    query: Annotated[MetricsQuery, Query()],
    uow: UowDep,
    format: Annotated[FileFormat, Query()] = "csv",
):
    """`GET /metrics` (same scope, grouping and filters) as a CSV or .xlsx download: one row
    per group under Chinese headers — the group (部门 by its Chinese name, 乡镇街道 or 周), then
    派发任务数, 响应率, 按期办结率, 返工率, 超时任务数, 督办升级次数, 最高升级级别,
    平均响应时长（秒）, 平均办结时长（秒）, 办结案件数, 解决率, 满意率, 未评价占比, 案件数,
    办理中案件数, 已办结案件数, 超时案件数, 升级案件数, 督办单, 通报, 约谈, 问责. A rate is its
    rounded value, blank when its denominator is 0."""
    _, groups = service.metrics(query, viewer, uow)
    chunks = exports.export(query.group_by, groups, format)
    return download(
        chunks, format, f"考核指标_{FILE_NAMES[query.group_by]}", f"metrics_{query.group_by}"
    )
