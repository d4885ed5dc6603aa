"""Enforcement's routes through TestClient: status codes, scope and the shape of answers."""

from __future__ import annotations

import pytest

from contracts.vocabulary import Department
from tests.fast.enforcement.casework import CASE, open_case, task_id
from tests.fast.support import bearer

EDUCATION = task_id(Department.EDUCATION)
MARKET = task_id(Department.MARKET_SUPERVISION)


@pytest.fixture(autouse=True)
def case(uow):
    open_case(uow, Department.EDUCATION, Department.MARKET_SUPERVISION)


def test_a_department_reports_for_duty_and_feeds_back(api, uow):
    acknowledged = api.post(f"/tasks/{EDUCATION}/acknowledge", headers=bearer("edu_officer"))
    assert acknowledged.status_code == 200, acknowledged.text
    assert acknowledged.json()["status"] == "acknowledged"
    fed_back = api.post(
        f"/tasks/{EDUCATION}/outcome",
        json={"outcome": "fined", "note": "罚款", "fine_amount_yuan": 5000},
        headers=bearer("edu_officer"),
    )
    assert fed_back.status_code == 200 and fed_back.json()["fine_amount_yuan"] == 5000
    read = api.get(f"/tasks/{EDUCATION}", headers=bearer("edu_lead")).json()
    assert read["status"] == "fed_back"


def test_refusals_map_to_their_status(api, uow):
    committed = len(uow.committed)
    acknowledge = f"/tasks/{EDUCATION}/acknowledge"
    assert api.post(acknowledge).status_code == 401
    assert api.post(acknowledge, headers=bearer("township_dongtang")).status_code == 403
    assert api.get("/tasks", headers=bearer("grid_dongtang")).status_code == 403
    assert api.get("/accountability", headers=bearer("edu_officer")).status_code == 403
    decide = api.post(
        f"/tasks/{EDUCATION}/pause/decision", json={"approved": True}, headers=bearer("edu_officer")
    )
    assert decide.status_code == 403
    other = api.post(acknowledge, headers=bearer("market_officer"))
    assert other.status_code == 404 and EDUCATION in other.json()["detail"]
    no_amount = api.post(
        f"/tasks/{MARKET}/outcome",
        json={"outcome": "fined", "note": "罚款"},
        headers=bearer("market_officer"),
    )
    assert no_amount.status_code == 409  # not acknowledged yet: the state is checked first
    assert api.post(acknowledge, json={}, headers=bearer("edu_officer")).status_code == 200
    again = api.post(acknowledge, headers=bearer("edu_officer"))
    assert again.status_code == 409 and "acknowledged" in again.json()["detail"]
    fine_without_amount = api.post(
        f"/tasks/{EDUCATION}/outcome",
        json={"outcome": "fined", "note": "罚款"},
        headers=bearer("edu_officer"),
    )
    assert fine_without_amount.status_code == 422
    assert "fine_amount_yuan" in fine_without_amount.json()["detail"]
    bad_body = api.post(
        f"/tasks/{EDUCATION}/dispute", json={"reason": ""}, headers=bearer("edu_officer")
    )
    assert bad_body.status_code == 422
    assert len(uow.committed) == committed + 1  # only the one acknowledgement


def test_each_caller_sees_their_own_tasks_and_cases(api):
    def count(path: str, user: str) -> int:
        reply = api.get(path, headers=bearer(user))
        assert reply.status_code == 200, reply.text
        return reply.json()["count"]

    assert count("/tasks", "edu_officer") == 1
    assert count("/tasks", "edu_officer_furong") == 0
    assert count("/tasks", "township_dongtang") == 2
    assert count("/tasks?status=fed_back", "leader_city") == 0
    assert count("/cases", "edu_officer") == 1
    assert count("/cases", "township_guitang") == 0
    assert count("/notifications", "edu_officer") == 1
    assert count("/accountability", "edu_lead") == 0
    assert api.get(f"/cases/{CASE}", headers=bearer("township_guitang")).status_code == 404
    assert api.get("/tasks?limit=0", headers=bearer("leader_city")).status_code == 422


def test_the_township_works_on_the_whole_case(api):
    township = bearer("township_dongtang")
    called = api.post(
        f"/cases/{CASE}/departments",
        json={"departments": ["fire_safety"], "reason": "消防隐患"},
        headers=township,
    )
    assert called.status_code == 202 and len(called.json()["tasks"]) == 2
    planned = api.post(
        f"/cases/{CASE}/joint-actions",
        json={
            "departments": ["education", "market_supervision"],
            "scheduled_for": "2026-11-24T02:00:00Z",
            "place": "东塘",
        },
        headers=township,
    )
    assert planned.status_code == 201, planned.text
    action_id = planned.json()["action_id"]
    outcome = {"outcome": "closure_ordered", "note": "责令停业"}
    recorded = api.post(
        f"/cases/{CASE}/joint-actions/{action_id}/outcome", json=outcome, headers=township
    )
    assert recorded.status_code == 200 and recorded.json()["outcome"] == "closure_ordered"
    missing = api.post(f"/cases/{CASE}/joint-actions/nope/outcome", json=outcome, headers=township)
    assert missing.status_code == 404
    closing = api.post(f"/cases/{CASE}/verify", headers=township)
    assert closing.status_code == 409 and "education" in closing.json()["detail"]
    record = api.get(f"/cases/{CASE}", headers=bearer("district_yuhua")).json()
    assert [t["department"] for t in record["tasks"]] == ["education", "market_supervision"]
    assert [a["action_id"] for a in record["joint_actions"]] == [action_id]
    timeline = api.get(f"/cases/{CASE}/timeline", headers=bearer("leader_city")).json()
    assert [e["event_type"].split(".")[2] for e in timeline] == [
        "DepartmentTaskDispatched",
        "DepartmentTaskDispatched",
        "DepartmentsCalled",
        "JointActionScheduled",
        "JointActionRecorded",
    ]
    assert record["timeline"] == timeline
