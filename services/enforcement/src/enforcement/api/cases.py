"""Cases: the township's inbox, the full record with its timeline, the township's decisions, and
after a closure the on-site confirmation, the reporter's rating and the review of a 不满意."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from enforcement.api.guards import CaseReader, Reporter, TownshipOfficer
from enforcement.api.models import CasePublic, CaseSummary, JointActionPublic, TimelineEntryPublic
from enforcement.domain.filters import CaseFilters
from enforcement.domain.requests import (
    CallDepartments,
    JointActionPlan,
    OnSiteConfirmation,
    OutcomeReport,
    Rating,
    Review,
)
from enforcement.service import case_export, cases, closure
from govkit.exports import DOWNLOAD, FileFormat, download
from govkit.http import Page, PageDep, UowDep

router = APIRouter(tags=["cases"])


@router.get("/cases", response_model=Page[CaseSummary])
def read_cases(
    reader: CaseReader, filters: Annotated[CaseFilters, Query()], page: PageDep, uow: UowDep
):
    """Cases in the caller's scope, newest first; filters only narrow it. Past 10,000 the count
    stops and `count_capped` says there are more (the export has them all)."""
    rows, count = cases.cases(reader, filters, page, uow)
    return Page[CaseSummary].counted_up_to(rows, count)


@router.get("/cases/export", response_class=StreamingResponse, responses=DOWNLOAD)
def export_cases(
    reader: CaseReader,
    filters: Annotated[CaseFilters, Query()],
    uow: UowDep,
    format: Annotated[FileFormat, Query()] = "csv",
):
    """The same cases as `GET /cases` (scope and filters), all of them, as a CSV or .xlsx
    download under Chinese headers (案件编号, 事件类型, 区县, 乡镇街道 … 涉及部门, 超时), times in
    Asia/Shanghai; streamed page by page. No cell is ever a live formula."""
    chunks = case_export.export(reader, filters, format, uow)
    return download(chunks, format, "案件清单", "cases")


@router.get("/cases/{case_id}", response_model=CasePublic)
def read_case(case_id: str, reader: CaseReader, uow: UowDep):
    """A case with its department tasks, joint actions and full timeline."""
    return CasePublic.of(cases.case_record(case_id, reader, uow))


@router.get("/cases/{case_id}/timeline", response_model=list[TimelineEntryPublic])
def read_timeline(case_id: str, reader: CaseReader, uow: UowDep):
    """Everything that happened on the case, in order; entries are never changed or removed."""
    return cases.timeline(case_id, reader, uow)


@router.post("/cases/{case_id}/verify", response_model=CasePublic)
def verify_case(case_id: str, officer: TownshipOfficer, uow: UowDep):
    """The township accepts every department's result and closes the case (办结); the
    reporting grid (or the township, for its own whistle) is then asked to confirm on site."""
    return CasePublic.of(cases.verify_and_close(cases.OnCase(case_id, officer), uow))


@router.post("/cases/{case_id}/confirmation", response_model=CasePublic)
def confirm_on_site(case_id: str, body: OnSiteConfirmation, caller: Reporter, uow: UowDep):
    """核查: the reporting grid (the township, for its own whistle) went back and looked.

    Solved: the case stays closed and the reporter may rate it. Not solved: the case is
    re-opened, every department that was on it gets its task back as rework.
    """
    return CasePublic.of(closure.confirm(closure.Confirm(case_id, caller, body), uow))


@router.post("/cases/{case_id}/rating", response_model=CasePublic)
def rate_case(case_id: str, body: Rating, caller: Reporter, uow: UowDep):
    """评价 by the reporter: satisfied, basically_satisfied or dissatisfied (with a reason)."""
    return CasePublic.of(closure.rate(closure.Rate(case_id, caller, body), uow))


@router.post("/cases/{case_id}/rating/review", response_model=CasePublic)
def review_dissatisfaction(case_id: str, body: Review, officer: TownshipOfficer, uow: UowDep):
    """The township answers a 不满意: `reopen` it to its departments, or keep it closed."""
    command = closure.ReviewDissatisfaction(case_id, officer, body)
    return CasePublic.of(closure.review(command, uow))


@router.post("/cases/{case_id}/departments", response_model=CasePublic, status_code=202)
def call_departments(case_id: str, body: CallDepartments, officer: TownshipOfficer, uow: UowDep):
    """吹哨 by hand: call more departments; their tasks appear once the whistle dispatches them."""
    command = cases.CallMoreDepartments(case_id, officer, body)
    return CasePublic.of(cases.call_departments(command, uow))


@router.post("/cases/{case_id}/joint-actions", response_model=JointActionPublic, status_code=201)
def schedule_joint_action(
    case_id: str, body: JointActionPlan, officer: TownshipOfficer, uow: UowDep
):
    """Schedule a joint on-site action (联合执法) with departments on the case."""
    return cases.schedule_joint_action(cases.ScheduleJointAction(case_id, officer, body), uow)


@router.post("/cases/{case_id}/joint-actions/{action_id}/outcome", response_model=JointActionPublic)
def record_joint_action(
    case_id: str, action_id: str, report: OutcomeReport, officer: TownshipOfficer, uow: UowDep
):
    """Record what the joint action achieved: rectify, close, ban, fine (with amount), remove ads."""
    command = cases.RecordJointAction(case_id, officer, action_id, report)
    return cases.record_joint_action(command, uow)
