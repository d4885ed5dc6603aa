"""The whistle's main path through the gateway on the real stack (Kafka, Temporal, Keycloak):
a grid worker's report → departments called → one late → escalated and notified → a department
called by hand → feedback → rework → joint action → verified and closed → confirmed on site
and rated by the grid worker."""

from __future__ import annotations

import pytest
from temporalio.client import Client, WorkflowExecutionStatus

from tests.support.casework import (
    act,
    case_when,
    read,
    task_of,
    timeline_kinds,
    until_in_timeline,
)
from tests.support.reports import unlicensed_school_report
from tests.support.stack import TEMPORAL
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e
ENFORCEMENT = "/api/enforcement"


async def test_a_report_is_whistled_escalated_reworked_and_closed(gateway, platform):
    # 1. A grid worker reports an unlicensed school (无证办学) from the street.
    incident = await act(
        gateway, "/api/patrol/incidents", "grid_dongtang", unlicensed_school_report()
    )
    case_id = incident["incident_id"]

    # 2. The routing table calls education (lead) and market supervision, each with two clocks.
    education = await task_of(gateway, case_id, "education", "edu_officer")
    market = await task_of(gateway, case_id, "market_supervision", "market_officer")
    assert (education["lead"], market["lead"]) == (True, False)
    assert (
        education["severity"] == "normal" and education["handle_by"] > education["acknowledge_by"]
    )
    assert (
        await read(gateway, f"{ENFORCEMENT}/tasks/{education['task_id']}", "fire_officer") is None
    )

    # 3. Market supervision reports for duty (报到) in time; education misses its deadline:
    #    one escalation, to the education department's lead, who is notified.
    await act(gateway, f"{ENFORCEMENT}/tasks/{market['task_id']}/acknowledge", "market_officer")

    async def escalated():
        task = await read(gateway, f"{ENFORCEMENT}/tasks/{education['task_id']}", "edu_officer")
        return task if task["escalation_level"] == 1 else None

    await eventually(escalated, timeout=platform.acknowledge_within_seconds + 30, what="escalation")
    notices = await read(gateway, f"{ENFORCEMENT}/notifications?limit=200", "edu_lead")
    assert any(n["case_id"] == case_id and n["kind"] == "TaskEscalated" for n in notices["data"]), (
        notices
    )
    records = await read(gateway, f"{ENFORCEMENT}/accountability?limit=200", "edu_lead")
    assert records["count"] >= 1 and {r["department"] for r in records["data"]} == {"education"}
    await act(gateway, f"{ENFORCEMENT}/tasks/{education['task_id']}/acknowledge", "edu_officer")

    # 4. The township blows the whistle by hand for fire safety; the workflow dispatches it.
    await act(
        gateway,
        f"{ENFORCEMENT}/cases/{case_id}/departments",
        "township_dongtang",
        {"departments": ["fire_safety"], "reason": "现场发现消防通道堵塞"},
    )
    fire = await task_of(gateway, case_id, "fire_safety", "fire_officer")
    assert fire["lead"] is False
    await act(gateway, f"{ENFORCEMENT}/tasks/{fire['task_id']}/acknowledge", "fire_officer")

    # 5. Everyone feeds back; a fine needs its amount.
    reply = await gateway.post(
        f"{ENFORCEMENT}/tasks/{market['task_id']}/outcome",
        json={"outcome": "fined", "note": "罚款"},
        headers=bearer("market_officer"),
    )
    assert reply.status_code == 422 and "fine_amount_yuan" in reply.text
    for task, officer, outcome, fine in (
        (education, "edu_officer", "banned", None),
        (market, "market_officer", "fined", 27000),
        (fire, "fire_officer", "rectification_ordered", None),
    ):
        body = {"outcome": outcome, "note": "联合执法现场处置", "fine_amount_yuan": fine}
        done = await act(gateway, f"{ENFORCEMENT}/tasks/{task['task_id']}/outcome", officer, body)
        assert done["status"] == "fed_back"

    # 6. The township sends market supervision's result back (返工): its handling clock restarts.
    reworked = await act(
        gateway,
        f"{ENFORCEMENT}/tasks/{market['task_id']}/send-back",
        "township_dongtang",
        {"reason": "处罚决定书未上传"},
    )
    assert (reworked["status"], reworked["rework_count"]) == ("acknowledged", 1)
    await until_in_timeline(gateway, case_id, "TaskDeadlinesSet", "township_dongtang")
    restarted = await read(gateway, f"{ENFORCEMENT}/tasks/{market['task_id']}", "market_officer")
    assert restarted["handle_by"] > market["handle_by"]
    whistle = await read(gateway, f"/api/workflows/whistles/{case_id}", "township_dongtang")
    progress = {d["department"]: d for d in whistle["departments"]}
    assert progress["market_supervision"]["rework_count"] == 1
    assert progress["education"]["escalation_level"] == 1
    assert await read(gateway, f"/api/workflows/whistles/{case_id}", "township_guitang") is None
    await act(
        gateway,
        f"{ENFORCEMENT}/tasks/{market['task_id']}/outcome",
        "market_officer",
        {"outcome": "fined", "note": "已上传处罚决定书", "fine_amount_yuan": 27000},
    )

    # 7. A joint action must have its outcome before the case may close (事不完人不撤).
    action = await act(
        gateway,
        f"{ENFORCEMENT}/cases/{case_id}/joint-actions",
        "township_dongtang",
        {
            "departments": ["education", "market_supervision"],
            "scheduled_for": "2026-11-25T09:00:00+08:00",
            "place": "韶山北路某小区3栋201",
        },
    )
    reply = await gateway.post(
        f"{ENFORCEMENT}/cases/{case_id}/verify", headers=bearer("township_dongtang")
    )
    assert reply.status_code == 409 and action["action_id"] in reply.text
    await act(
        gateway,
        f"{ENFORCEMENT}/cases/{case_id}/joint-actions/{action['action_id']}/outcome",
        "township_dongtang",
        {"outcome": "advertisement_removed", "note": "拆除违规广告2块"},
    )

    # 8. Another township cannot verify; the case's own township closes it.
    reply = await gateway.post(
        f"{ENFORCEMENT}/cases/{case_id}/verify", headers=bearer("township_guitang")
    )
    assert reply.status_code == 404
    closed = await act(gateway, f"{ENFORCEMENT}/cases/{case_id}/verify", "township_dongtang")
    assert (closed["status"], closed["closed_by"]) == ("closed", "township_dongtang")

    # 9. The timeline tells the whole story in order; the escalation happened exactly once.
    kinds = await timeline_kinds(gateway, case_id, "leader_city")
    assert kinds.count("DepartmentTaskDispatched") == 3
    assert kinds.count("TaskEscalated") == 1
    assert kinds.index("TaskEscalated") < kinds.index("DepartmentsCalled")
    assert kinds.index("TaskSentBack") < kinds.index("TaskDeadlinesSet")
    assert [k for k in kinds if k != "ConfirmationRequested"][-1] == "CaseClosed"

    # 10. The grid worker sees the incident closed, goes back to confirm it solved and rates the
    #     handling; then the whistle workflow has completed.
    async def incident_closed():
        current = await read(gateway, f"/api/patrol/incidents/{case_id}", "grid_dongtang")
        return current if current and current["status"] == "closed" else None

    await eventually(incident_closed, what="incident closed in patrol")
    await case_when(
        gateway,
        case_id,
        "grid_dongtang",
        "the confirmation asked of the grid",
        lambda c: c["confirmation"] is not None,
    )
    body = {"solved": True, "note": "已人去楼空，未见培训"}
    await act(gateway, f"{ENFORCEMENT}/cases/{case_id}/confirmation", "grid_dongtang", body)
    await case_when(
        gateway, case_id, "grid_dongtang", "the rating window", lambda c: c["rating"] is not None
    )
    body = {"satisfaction": "basically_satisfied"}
    await act(gateway, f"{ENFORCEMENT}/cases/{case_id}/rating", "grid_dongtang", body)
    handle = (await Client.connect(TEMPORAL)).get_workflow_handle(f"whistle-{case_id}")

    async def completed():
        return (await handle.describe()).status == WorkflowExecutionStatus.COMPLETED

    await eventually(completed, what="whistle workflow completed")
