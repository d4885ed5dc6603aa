"""The whistle's live state over HTTP: per department its step, deadlines and escalation level."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from govkit.auth import PrincipalDep
from govkit.principal import DEPARTMENT_ROLES, Principal, Role
from workflows.model import WhistleState, whistle_workflow_id
from workflows.whistle import WhistleWorkflow

router = APIRouter(tags=["whistles"])


def may_see(principal: Principal, state: WhistleState) -> bool:
    """The city, the case's district and township, and the departments called onto it."""
    if principal.city_wide:
        return True
    if principal.has_role(Role.DISTRICT_OFFICER) and principal.district == state.district:
        return True
    if principal.has_role(Role.TOWNSHIP_OFFICER) and principal.township == state.township:
        return True
    called = {d.department for d in state.departments}
    return (
        principal.has_any_role(DEPARTMENT_ROLES)
        and principal.department in called
        and principal.district == state.district
    )


@router.get("/whistles/{case_id}", response_model=WhistleState)
async def read_whistle(case_id: str, principal: PrincipalDep, request: Request):
    """Where every department of the case's whistle stands, straight from the workflow."""
    client: Client = request.app.state.client
    missing = HTTPException(
        404, f"没有该案件的吹哨流程或无权查看 (no whistle for case {case_id} in your scope)"
    )
    try:
        state = await client.get_workflow_handle(whistle_workflow_id(case_id)).query(
            WhistleWorkflow.state
        )
    except RPCError as exc:
        if exc.status in (RPCStatusCode.NOT_FOUND, RPCStatusCode.INVALID_ARGUMENT):
            raise missing from exc
        raise
    if not may_see(principal, state):
        raise missing
    return state
