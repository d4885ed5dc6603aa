"""One grid worker's report carried end to end through the gateway, on the real stack:
gateway → patrol → Kafka → Temporal → enforcement → departments → township."""

from __future__ import annotations

import httpx
import pytest
from temporalio.client import Client, WorkflowExecutionStatus

from tests.support.reports import unlicensed_school_report
from tests.support.stack import TEMPORAL
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e


async def _json(client: httpx.AsyncClient, path: str, user: str) -> dict | None:
    reply = await client.get(path, headers=bearer(user))
    return reply.json() if reply.status_code == 200 else None


async def _task_of(client: httpx.AsyncClient, case_id: str, officer: str) -> dict | None:
    listing = await _json(client, "/api/enforcement/tasks?limit=200", officer)
    return next((t for t in (listing or {}).get("data", []) if t["case_id"] == case_id), None)


async def test_report_is_whistled_escalated_handled_and_closed(gateway, platform):
    # 1. A grid worker reports an unlicensed school (无证办学) from the street.
    reply = await gateway.post(
        "/api/patrol/incidents", json=unlicensed_school_report(), headers=bearer("grid_dongtang")
    )
    assert reply.status_code == 201, reply.text
    incident = reply.json()
    case_id = incident["incident_id"]
    assert (incident["status"], incident["grid"], incident["reporter"]) == (
        "reported",
        "dongtang-01",
        "grid_dongtang",
    )

    # 2. The whistle calls education and market supervision; each sees only its own task.
    education = await eventually(
        lambda: _task_of(gateway, case_id, "edu_officer"), what="education task dispatched"
    )
    market = await eventually(
        lambda: _task_of(gateway, case_id, "market_officer"),
        what="market supervision task dispatched",
    )
    assert (education["department"], education["status"]) == ("education", "dispatched")
    assert (market["department"], market["status"]) == ("market_supervision", "dispatched")
    assert await _task_of(gateway, case_id, "fire_officer") is None
    assert (
        await eventually(
            lambda: _json(gateway, f"/api/patrol/incidents/{case_id}", "grid_dongtang"),
            what="incident readable",
        )
    )["status"] in {"reported", "dispatched"}

    # 3. Education reports for duty in time (报到); market supervision does not.
    reply = await gateway.post(
        f"/api/enforcement/tasks/{education['task_id']}/acknowledge", headers=bearer("edu_officer")
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["status"] == "acknowledged"

    # 4. Market supervision's deadline passes: the escalation is recorded on its task, once.
    async def escalated():
        task = await _task_of(gateway, case_id, "market_officer")
        return task if task and task["escalation_level"] == 1 else None

    await eventually(
        escalated,
        timeout=platform.acknowledge_within_seconds + 30,
        what="escalation of the missed acknowledgement",
    )
    case = await _json(gateway, f"/api/enforcement/cases/{case_id}", "township_dongtang")
    kinds = [entry["event_type"].split(".")[2] for entry in case["timeline"]]
    assert kinds.count("TaskEscalated") == 1
    assert kinds.count("DepartmentTaskDispatched") == 2
    assert kinds.index("TaskAcknowledged") < kinds.index("TaskEscalated")

    # 5. The case cannot close while a department has not fed back (事不完人不撤).
    reply = await gateway.post(
        f"/api/enforcement/cases/{case_id}/verify", headers=bearer("township_dongtang")
    )
    assert reply.status_code == 409

    # 6. Late 报到, then both feed back what they did on site.
    reply = await gateway.post(
        f"/api/enforcement/tasks/{market['task_id']}/acknowledge", headers=bearer("market_officer")
    )
    assert reply.status_code == 200, reply.text
    for task, officer, outcome in (
        (education, "edu_officer", "banned"),
        (market, "market_officer", "fined"),
    ):
        reply = await gateway.post(
            f"/api/enforcement/tasks/{task['task_id']}/outcome",
            json={"outcome": outcome, "note": "联合执法：现场取缔，责令停止办学"},
            headers=bearer(officer),
        )
        assert reply.status_code == 200, reply.text
        assert reply.json()["status"] == "handled"

    # 7. Another township cannot verify; the case's own township verifies and closes it.
    reply = await gateway.post(
        f"/api/enforcement/cases/{case_id}/verify", headers=bearer("township_guitang")
    )
    assert reply.status_code == 404
    reply = await gateway.post(
        f"/api/enforcement/cases/{case_id}/verify", headers=bearer("township_dongtang")
    )
    assert reply.status_code == 200, reply.text
    assert (reply.json()["status"], reply.json()["closed_by"]) == ("closed", "township_dongtang")

    # 8. The grid worker sees the incident closed, and the whistle workflow has completed.
    async def incident_closed():
        current = await _json(gateway, f"/api/patrol/incidents/{case_id}", "grid_dongtang")
        return current if current and current["status"] == "closed" else None

    await eventually(incident_closed, what="incident closed in patrol")
    client = await Client.connect(TEMPORAL)
    handle = client.get_workflow_handle(f"whistle-{case_id}")

    async def completed():
        return (await handle.describe()).status == WorkflowExecutionStatus.COMPLETED

    await eventually(completed, what="whistle workflow completed")
