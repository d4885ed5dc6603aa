"""The leadership metrics as a download (CSV or .xlsx): one row per group, Chinese headers.

The figures are `GET /metrics`'s: a rate is its rounded value (blank when nothing was
counted), a mean its seconds; the group is named as people read it (a department's Chinese
name, a township, an ISO week).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from contracts.vocabulary import DEPARTMENT_NAMES, Department
from govkit.exports import Column, FileFormat, table_stream
from oversight.domain.metrics import GroupBy, GroupMetrics, MeanSeconds, Ratio

GROUP_HEADERS = {GroupBy.DEPARTMENT: "部门", GroupBy.TOWNSHIP: "乡镇街道", GroupBy.WEEK: "周"}
FILE_NAMES = {GroupBy.DEPARTMENT: "按部门", GroupBy.TOWNSHIP: "按乡镇街道", GroupBy.WEEK: "按周"}


def _rate(figure: Callable[[GroupMetrics], Ratio]) -> Callable[[GroupMetrics], object]:
    return lambda row: "" if figure(row).value is None else figure(row).value


def _mean(figure: Callable[[GroupMetrics], MeanSeconds]) -> Callable[[GroupMetrics], object]:
    return lambda row: "" if figure(row).seconds is None else figure(row).seconds


FIGURES: list[Column[GroupMetrics]] = [
    Column("派发任务数", lambda row: row.tasks_dispatched),
    Column("响应率", _rate(lambda row: row.response_rate)),
    Column("按期办结率", _rate(lambda row: row.on_time_completion_rate)),
    Column("返工率", _rate(lambda row: row.rework_rate)),
    Column("超时任务数", lambda row: row.overdue_tasks),
    Column("督办升级次数", lambda row: row.escalations),
    Column("最高升级级别", lambda row: row.max_escalation_level),
    Column("平均响应时长（秒）", _mean(lambda row: row.time_to_acknowledge)),
    Column("平均办结时长（秒）", _mean(lambda row: row.time_to_close)),
    Column("办结案件数", lambda row: row.cases_closed),
    Column("解决率", _rate(lambda row: row.resolution_rate)),
    Column("满意率", _rate(lambda row: row.satisfaction_rate)),
    Column("未评价占比", _rate(lambda row: row.not_rated_share)),
    Column("案件数", lambda row: row.cases.total),
    Column("办理中案件数", lambda row: row.cases.open),
    Column("已办结案件数", lambda row: row.cases.closed),
    Column("超时案件数", lambda row: row.cases.overdue),
    Column("升级案件数", lambda row: row.cases.escalated),
    Column("督办单", lambda row: row.ladder.supervision_notice),
    Column("通报", lambda row: row.ladder.public_notice),
    Column("约谈", lambda row: row.ladder.formal_talk),
    Column("问责", lambda row: row.ladder.disciplinary_accountability),
]


def group_name(group_by: GroupBy, group: str) -> str:
    """A department by its Chinese name; a township or a week as it is."""
    if group_by == GroupBy.DEPARTMENT:
        return DEPARTMENT_NAMES[Department(group)]
    return group


def export(
    group_by: GroupBy, groups: list[GroupMetrics], file_format: FileFormat
) -> Iterator[bytes]:
    """The groups' metrics under the group's header and each figure's Chinese name."""
    group = Column[GroupMetrics](
        GROUP_HEADERS[group_by], lambda row: group_name(group_by, row.group)
    )
    return table_stream([group, *FIGURES], groups, file_format, "考核指标")
