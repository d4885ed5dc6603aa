"""Cases: the township's inbox, the full record with its timeline, and the township's decisions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from enforcement.api.guards import Reader, TownshipOfficer
from enforcement.api.models import CasePublic, CaseSummary, JointActionPublic, TimelineEntryPublic
from enforcement.domain.filters import CaseFilters
from enforcement.domain.requests import CallDepartments, JointActionPlan, OutcomeReport
from enforcement.service import cases
from govkit.http import Page, PageDep, UowDep

router = APIRouter(tags=["cases"])


@router.get("/cases", response_model=Page[CaseSummary])
def read_cases(
    reader: Reader, filters: Annotated[CaseFilters, Query()], page: PageDep, uow: UowDep
):
    """Cases in the caller's scope, newest first; filters only narrow it."""
    rows, count = cases.cases(reader, filters, page, uow)
    return Page[CaseSummary](data=rows, count=count)


@router.get("/cases/{case_id}", response_model=CasePublic)
def read_case(case_id: str, reader: Reader, uow: UowDep):
    """A case with its department tasks, joint actions and full timeline."""
    return CasePublic.of(cases.case_record(case_id, reader, uow))


@router.get("/cases/{case_id}/timeline", response_model=list[TimelineEntryPublic])
def read_timeline(case_id: str, reader: Reader, uow: UowDep):
    """Everything that happened on the case, in order; entries are never changed or removed."""
    return cases.timeline(case_id, reader, uow)


@router.post("/cases/{case_id}/verify", response_model=CasePublic)
def verify_case(case_id: str, officer: TownshipOfficer, uow: UowDep):
    """The township accepts every department's result and closes the case (核查结案)."""
    return CasePublic.of(cases.verify_and_close(cases.OnCase(case_id, officer), uow))


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
