"""A township's own whistle, a dispute reassigned, and a paused clock, through the gateway."""

from __future__ import annotations

import pytest

from tests.support.casework import act, read, task_of, until_in_timeline
from tests.support.reports import unlicensed_school_report
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e
ENFORCEMENT = "/api/enforcement"

OWN_OBSERVATION = unlicensed_school_report(
    incident_type="out_of_hours_training",
    description="晚上21:10仍有初中生在培训机构上课",
    grid="dongtang-02",
    departments=["education"],
    severity="urgent",
)


async def test_only_a_township_officer_chooses_departments_and_names_the_grid(gateway):
    reply = await gateway.post(
        "/api/patrol/incidents", json=OWN_OBSERVATION, headers=bearer("grid_dongtang")
    )
    assert reply.status_code == 422 and "township" in reply.text
    without_grid = {k: v for k, v in OWN_OBSERVATION.items() if k != "grid"}
    reply = await gateway.post(
        "/api/patrol/incidents", json=without_grid, headers=bearer("township_dongtang")
    )
    assert reply.status_code == 422 and "grid" in reply.text


async def test_a_dispute_is_reassigned_and_a_paused_clock_resumes(gateway):
    # The township blows the whistle on its own observation, choosing education, urgent.
    incident = await act(gateway, "/api/patrol/incidents", "township_dongtang", OWN_OBSERVATION)
    case_id = incident["incident_id"]
    assert incident["grid"] == "dongtang-02"
    education = await task_of(gateway, case_id, "education", "edu_officer")
    assert (education["severity"], education["lead"]) == ("urgent", True)

    # Education disputes instead of reporting for duty; the township is told and reassigns.
    disputed = await act(
        gateway,
        f"{ENFORCEMENT}/tasks/{education['task_id']}/dispute",
        "edu_officer",
        {"reason": "该机构为体育类，非教育部门主管"},
    )
    assert disputed["status"] == "disputed"
    notices = await read(gateway, f"{ENFORCEMENT}/notifications?limit=200", "township_dongtang")
    assert any(n["case_id"] == case_id and n["kind"] == "TaskDisputed" for n in notices["data"])
    reply = await gateway.post(
        f"{ENFORCEMENT}/tasks/{education['task_id']}/ruling",
        json={"ruling": "reassign", "reassign_to": "market_supervision", "reason": "x"},
        headers=bearer("township_guitang"),
    )
    assert reply.status_code == 404  # not their case
    ruled = await act(
        gateway,
        f"{ENFORCEMENT}/tasks/{education['task_id']}/ruling",
        "township_dongtang",
        {"ruling": "reassign", "reassign_to": "market_supervision", "reason": "改派市场监管"},
    )
    assert ruled["status"] == "reassigned"
    market = await task_of(gateway, case_id, "market_supervision", "market_officer")
    assert market["lead"] is True

    # Market supervision reports for duty, then asks to pause for a legal procedure.
    await act(gateway, f"{ENFORCEMENT}/tasks/{market['task_id']}/acknowledge", "market_officer")
    asked = await act(
        gateway,
        f"{ENFORCEMENT}/tasks/{market['task_id']}/pause",
        "market_officer",
        {"reason": "legal_procedure", "note": "已立案调查，等待听证"},
    )
    assert asked["pause_state"] == "requested"
    reply = await gateway.post(
        f"{ENFORCEMENT}/tasks/{market['task_id']}/pause/decision",
        json={"approved": True},
        headers=bearer("market_officer"),
    )
    assert reply.status_code == 403  # only the township approves
    approved = await act(
        gateway,
        f"{ENFORCEMENT}/tasks/{market['task_id']}/pause/decision",
        "township_dongtang",
        {"approved": True},
    )
    assert approved["pause_state"] == "paused"

    async def whistle_paused():
        state = await read(gateway, f"/api/workflows/whistles/{case_id}", "market_officer")
        steps = {d["department"]: d for d in (state or {}).get("departments", [])}
        market_step = steps.get("market_supervision", {})
        return steps if market_step.get("paused") else None

    steps = await eventually(whistle_paused, what="the whistle sees the pause")
    assert steps["education"]["step"] == "reassigned"

    # Resuming gives the paused time back: the handling deadline moves out.
    resumed = await act(
        gateway, f"{ENFORCEMENT}/tasks/{market['task_id']}/resume", "market_officer"
    )
    assert resumed["pause_state"] == "none"
    await until_in_timeline(gateway, case_id, "TaskDeadlinesSet", "township_dongtang")
    moved = await read(gateway, f"{ENFORCEMENT}/tasks/{market['task_id']}", "market_officer")
    assert moved["handle_by"] > market["handle_by"]

    await act(
        gateway,
        f"{ENFORCEMENT}/tasks/{market['task_id']}/outcome",
        "market_officer",
        {"outcome": "closure_ordered", "note": "责令停止晚间培训"},
    )
    closed = await act(gateway, f"{ENFORCEMENT}/cases/{case_id}/verify", "township_dongtang")
    assert closed["status"] == "closed"
    assert {t["department"]: t["status"] for t in closed["tasks"]} == {
        "education": "reassigned",
        "market_supervision": "closed",
    }
