"""The case list as a download (CSV or .xlsx) under Chinese headers, read page by page.

The same cases as `GET /cases` for the same reader and filters, newest first; each page of
`PAGE_SIZE` cases is read in a transaction of its own, turned into rows and let go, so an
export of 100,000 cases never holds them all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from contracts.vocabulary import DEPARTMENT_NAMES, INCIDENT_TYPE_NAMES, Department, IncidentType
from enforcement.domain import access
from enforcement.domain.filters import LOCAL_TIME, CaseFilters, overdue
from enforcement.domain.states import CaseStatus
from enforcement.service.common import Uow
from enforcement.store.repository import CaseKey
from enforcement.store.tables import Case, DepartmentTask
from govkit.exports import Column, FileFormat, table_stream
from govkit.principal import Principal

PAGE_SIZE = 1000

STATUS_NAMES = {CaseStatus.OPEN: "办理中", CaseStatus.CLOSED: "已办结"}


@dataclass(frozen=True)
class CaseLine:
    """One case as its row reads it: the case, its departments and whether it is overdue."""

    case: Case
    departments: list[str]
    overdue: bool


def _local(moment: datetime | None) -> str:
    return moment.astimezone(LOCAL_TIME).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


COLUMNS: list[Column[CaseLine]] = [
    Column("案件编号", lambda line: line.case.case_id),
    Column("事件类型", lambda line: INCIDENT_TYPE_NAMES[IncidentType(line.case.incident_type)]),
    Column("区县", lambda line: line.case.district),
    Column("乡镇街道", lambda line: line.case.township),
    Column("网格", lambda line: line.case.grid),
    Column("事件摘要", lambda line: line.case.summary),
    Column("机构名称", lambda line: line.case.institution_name or ""),
    Column("机构地址", lambda line: line.case.institution_address or ""),
    Column("上报人", lambda line: line.case.reporter or ""),
    Column("上报时间", lambda line: _local(line.case.reported_at)),
    Column("立案时间", lambda line: _local(line.case.opened_at)),
    Column("状态", lambda line: STATUS_NAMES[CaseStatus(line.case.status)]),
    Column("办结时间", lambda line: _local(line.case.closed_at)),
    Column("涉及部门", lambda line: "、".join(line.departments)),
    Column("超时", lambda line: "是" if line.overdue else "否"),
]
"""Times are Asia/Shanghai; 超时: at least one of its tasks is overdue as the export began."""


def export(
    reader: Principal, filters: CaseFilters, file_format: FileFormat, uow: Uow
) -> Iterator[bytes]:
    """The reader's cases the filters admit, as CSV or .xlsx chunks."""
    return table_stream(COLUMNS, case_lines(reader, filters, uow), file_format, "案件")


def case_lines(reader: Principal, filters: CaseFilters, uow: Uow) -> Iterator[CaseLine]:
    """`GET /cases`'s cases for this reader, newest first, read `PAGE_SIZE` at a time."""
    scope = access.task_scope(reader)
    after: CaseKey | None = None
    now: datetime | None = None
    while True:
        with uow:
            now = now or uow.now  # one moment judges every page's 超时
            found = uow.repo.cases_after(scope, filters, now, after, PAGE_SIZE)
            tasks: dict[str, list[DepartmentTask]] = defaultdict(list)
            for task in uow.repo.tasks_of_cases([case.case_id for case in found]):
                tasks[task.case_id].append(task)
        yield from (_line(case, tasks[case.case_id], now) for case in found)
        if len(found) < PAGE_SIZE:
            return
        after = (found[-1].opened_at, found[-1].case_id)


def _line(case: Case, tasks: list[DepartmentTask], now: datetime) -> CaseLine:
    """The case with its departments' Chinese names, each once, in the order they were called."""
    departments = dict.fromkeys(DEPARTMENT_NAMES[Department(task.department)] for task in tasks)
    return CaseLine(case, list(departments), any(overdue(task, now) for task in tasks))
