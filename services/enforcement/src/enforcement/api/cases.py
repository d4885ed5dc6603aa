"""Cases: the township's inbox, the full record with its timeline, and the township's decisions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from enforcement.api.common import Reader, TownshipOfficer, decide_and_commit, visible_case
from enforcement.api.models import (
    CallDepartments,
    CasePublic,
    CaseSummary,
    JointActionPlan,
    JointActionPublic,
    OutcomeReport,
    Page,
    TaskPublic,
    TimelineEntryPublic,
)
from enforcement.domain import access, township
from enforcement.domain.states import CaseStatus
from enforcement.store.queries import joint_actions_of_case, list_cases, timeline_of_case
from enforcement.store.tables import JointAction
from govkit.deps import RuntimeDep

router = APIRouter(tags=["cases"])


@router.get("/cases", response_model=Page[CaseSummary])
def read_cases(
    reader: Reader,
    runtime: RuntimeDep,
    status: CaseStatus | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    """Cases in the caller's scope, newest first."""
    with runtime.session() as session:
        rows, count = list_cases(
            session, scope=access.task_scope(reader), status=status, offset=offset, limit=limit
        )
    return Page[CaseSummary](data=[CaseSummary.model_validate(r) for r in rows], count=count)


@router.get("/cases/{case_id}", response_model=CasePublic)
def read_case(case_id: str, reader: Reader, runtime: RuntimeDep):
    """A case with its department tasks, joint actions and full timeline."""
    with runtime.session() as session:
        return _case_record(session, case_id, reader)


@router.get("/cases/{case_id}/timeline", response_model=list[TimelineEntryPublic])
def read_timeline(case_id: str, reader: Reader, runtime: RuntimeDep):
    """Everything that happened on the case, in order; entries are never changed or removed."""
    with runtime.session() as session:
        visible_case(session, case_id, reader)
        return [TimelineEntryPublic.model_validate(e) for e in timeline_of_case(session, case_id)]


@router.post("/cases/{case_id}/verify", response_model=CasePublic)
def verify_case(case_id: str, officer: TownshipOfficer, runtime: RuntimeDep):
    """The township accepts every department's result and closes the case (核查结案)."""
    with runtime.session() as session:
        case, tasks = visible_case(session, case_id, officer)
        actions = joint_actions_of_case(session, case_id)
        decide_and_commit(
            runtime,
            session,
            lambda now: township.verify_and_close(case, tasks, actions, officer, now=now),
        )
        return _case_record(session, case_id, officer)


@router.post("/cases/{case_id}/departments", response_model=CasePublic, status_code=202)
def call_departments(
    case_id: str, body: CallDepartments, officer: TownshipOfficer, runtime: RuntimeDep
):
    """吹哨 by hand: call more departments; their tasks appear once the whistle dispatches them."""
    with runtime.session() as session:
        case, tasks = visible_case(session, case_id, officer)
        decide_and_commit(
            runtime,
            session,
            lambda now: township.call_departments(
                case, tasks, officer, body.departments, body.reason, now=now
            ),
        )
        return _case_record(session, case_id, officer)


@router.post("/cases/{case_id}/joint-actions", response_model=JointActionPublic, status_code=201)
def schedule_joint_action(
    case_id: str, body: JointActionPlan, officer: TownshipOfficer, runtime: RuntimeDep
):
    """Schedule a joint on-site action (联合执法) with departments on the case."""
    action_id = runtime.new_id()
    with runtime.session() as session:
        case, tasks = visible_case(session, case_id, officer)
        decide_and_commit(
            runtime,
            session,
            lambda now: township.schedule_joint_action(
                case,
                tasks,
                officer,
                body.departments,
                body.scheduled_for,
                body.place,
                action_id=action_id,
                now=now,
            ),
        )
        return JointActionPublic.model_validate(session.get(JointAction, action_id))


@router.post("/cases/{case_id}/joint-actions/{action_id}/outcome", response_model=JointActionPublic)
def record_joint_action(
    case_id: str,
    action_id: str,
    report: OutcomeReport,
    officer: TownshipOfficer,
    runtime: RuntimeDep,
):
    """Record what the joint action achieved: rectify, close, ban, fine (with amount), remove ads."""
    with runtime.session() as session:
        case, _ = visible_case(session, case_id, officer)
        action = session.get(JointAction, action_id)
        if action is None or action.case_id != case_id:
            raise HTTPException(404, f"联合执法不存在 (no joint action {action_id} on this case)")
        decide_and_commit(
            runtime,
            session,
            lambda now: township.record_joint_action(
                case, action, officer, report.outcome, report.fine_amount_yuan, report.note, now=now
            ),
        )
        session.refresh(action)
        return JointActionPublic.model_validate(action)


def _case_record(session, case_id: str, principal) -> CasePublic:
    case, tasks = visible_case(session, case_id, principal)
    return CasePublic.model_validate(case).model_copy(
        update={
            "tasks": [TaskPublic.model_validate(t) for t in tasks],
            "joint_actions": [
                JointActionPublic.model_validate(a) for a in joint_actions_of_case(session, case_id)
            ],
            "timeline": [
                TimelineEntryPublic.model_validate(e) for e in timeline_of_case(session, case_id)
            ],
        }
    )
