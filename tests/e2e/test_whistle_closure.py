"""After the township closes, through the gateway with real tokens on the real stack: the case
is closed, confirmed not solved on site, handled again, closed, confirmed solved, rated 不满意,
re-opened by the township, handled again, closed, confirmed solved and rated 满意. Only the
reporting grid confirms, only the reporter rates; the department's three rates equal a
recompute from the case timelines."""

from __future__ import annotations

import pytest
from temporalio.client import Client, WorkflowExecutionStatus

from oversight.domain.metrics import GroupBy, aggregate
from tests.support.casework import (
    act,
    case_when,
    read,
    recompute_from_timelines,
    task_of,
    timeline_kinds,
)
from tests.support.reports import unlicensed_school_report
from tests.support.stack import TEMPORAL
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e
ENFORCEMENT = "/api/enforcement"
OFFICERS = {"market_supervision": "market_officer", "law_enforcement": "law_officer"}
ADVERTISEMENT = unlicensed_school_report(
    incident_type="illegal_advertisement",
    description="小区电梯内张贴学科类培训广告，宣传寒假初中数学补课",
    institution_name="圭塘某培训点",
    institution_address="长沙市雨花区圭塘街道万家丽中路199号旁",
    location={"latitude": 28.1161, "longitude": 113.0398},
)


async def handled(gateway, tasks: dict[str, dict], note: str) -> None:
    """Each department reports for duty if it has not yet, and feeds back."""
    for department, officer in OFFICERS.items():
        path = f"{ENFORCEMENT}/tasks/{tasks[department]['task_id']}"
        if (await read(gateway, path, officer))["status"] == "dispatched":
            await act(gateway, f"{path}/acknowledge", officer)
        body = {"outcome": "advertisement_removed", "note": note}
        assert (await act(gateway, f"{path}/outcome", officer, body))["status"] == "fed_back"


async def closed_and_asked_to_confirm(gateway, case_id: str, closure: int) -> dict:
    closed = await act(gateway, f"{ENFORCEMENT}/cases/{case_id}/verify", "township_guitang")
    assert (closed["status"], closed["closures"]) == ("closed", closure)
    assert {t["status"] for t in closed["tasks"]} == {"closed"}
    return await case_when(
        gateway,
        case_id,
        "grid_guitang",
        f"confirmation {closure} asked of the grid",
        lambda c: c["confirmation"] and c["confirmation"]["confirmation_status"] == "awaiting",
    )


async def confirmed(gateway, case_id: str, solved: bool, note: str) -> dict:
    body = {"solved": solved, "note": note}
    return await act(gateway, f"{ENFORCEMENT}/cases/{case_id}/confirmation", "grid_guitang", body)


async def open_for_rating(gateway, case_id: str) -> dict:
    return await case_when(
        gateway,
        case_id,
        "grid_guitang",
        "rating window open",
        lambda c: c["rating"] and c["rating"]["rating_status"] == "awaiting",
    )


async def refused(gateway, path: str, body: dict, expected: dict[str, int]) -> None:
    for user, status in expected.items():
        reply = await gateway.post(path, json=body, headers=bearer(user))
        assert reply.status_code == status, (user, reply.text)


async def test_closed_not_solved_reopened_rated_and_recomputed(gateway, platform):
    incident = await act(gateway, "/api/patrol/incidents", "grid_guitang", ADVERTISEMENT)
    case_id = incident["incident_id"]
    case_path = f"{ENFORCEMENT}/cases/{case_id}"
    tasks = {d: await task_of(gateway, case_id, d, officer) for d, officer in OFFICERS.items()}
    await handled(gateway, tasks, "已清除电梯广告")

    # 1. Closed: the reporting grid is asked to go back and look; nobody else may confirm.
    case = await closed_and_asked_to_confirm(gateway, case_id, 1)
    assert case["confirmation"]["confirmer_role"] == "grid_worker"
    notices = await read(gateway, f"{ENFORCEMENT}/notifications?limit=200", "grid_guitang")
    assert any(
        n["case_id"] == case_id and n["kind"] == "ConfirmationRequested" for n in notices["data"]
    )
    solved = {"solved": True, "note": "已无广告"}
    await refused(
        gateway,
        f"{case_path}/confirmation",
        solved,
        {"township_guitang": 403, "law_officer": 403, "grid_dongtang": 404},
    )

    # 2. Not solved: open again, both departments have their task back as rework, clocks restarted.
    reopened = await confirmed(gateway, case_id, False, "电梯内广告已换新，仍在宣传补课")
    assert reopened["status"] == "open"
    assert {t["department"]: (t["status"], t["rework_count"]) for t in reopened["tasks"]} == {
        "market_supervision": ("acknowledged", 1),
        "law_enforcement": ("acknowledged", 1),
    }

    async def clocks_restarted():
        moved = [
            await read(gateway, f"{ENFORCEMENT}/tasks/{t['task_id']}", OFFICERS[d])
            for d, t in tasks.items()
        ]
        return all(m["handle_by"] > tasks[m["department"]]["handle_by"] for m in moved)

    await eventually(clocks_restarted, what="handling clocks restarted by the whistle")
    await handled(gateway, tasks, "联合清理广告并约谈机构")

    # 3. Closed again and confirmed solved: the reporter alone may rate, a 不满意 needs a reason.
    await closed_and_asked_to_confirm(gateway, case_id, 2)
    await confirmed(gateway, case_id, True, "广告已清除，未见培训")
    await open_for_rating(gateway, case_id)
    unhappy = {"satisfaction": "dissatisfied"}
    await refused(
        gateway,
        f"{case_path}/rating",
        unhappy | {"reason": "x"},
        {"township_guitang": 403, "market_officer": 403, "grid_dongtang": 404},
    )
    no_reason = await gateway.post(
        f"{case_path}/rating", json=unhappy, headers=bearer("grid_guitang")
    )
    assert no_reason.status_code == 422 and "不满意须填写原因" in no_reason.text
    body = unhappy | {"reason": "楼道里又贴了新广告"}
    rated = await act(gateway, f"{case_path}/rating", "grid_guitang", body)
    assert rated["rating"]["satisfaction"] == "dissatisfied"
    notices = await read(gateway, f"{ENFORCEMENT}/notifications?limit=200", "township_guitang")
    assert any(n["case_id"] == case_id and n["kind"] == "CaseRated" for n in notices["data"])

    # 4. The township takes the 不满意 up: re-opened, handled, closed, confirmed, rated 满意.
    review = {"reopen": True, "reason": "群众反映属实，重新办理"}
    await refused(gateway, f"{case_path}/rating/review", review, {"grid_guitang": 403})
    again = await act(gateway, f"{case_path}/rating/review", "township_guitang", review)
    assert again["status"] == "open" and {t["rework_count"] for t in again["tasks"]} == {2}
    await handled(gateway, tasks, "全面清理并立案查处")
    await closed_and_asked_to_confirm(gateway, case_id, 3)
    await confirmed(gateway, case_id, True, "连续两周未见广告")
    await open_for_rating(gateway, case_id)
    body = {"satisfaction": "satisfied"}
    assert (await act(gateway, f"{case_path}/rating", "grid_guitang", body))["status"] == "closed"

    # 5. The timeline shows every step; the grid sees its incident closed; the whistle is done.
    kinds = await timeline_kinds(gateway, case_id, "leader_city")
    steps = ("ConfirmationRequested", "ResolutionConfirmed", "CaseReopened", "RatingRequested")
    assert [kinds.count(k) for k in steps] == [3, 3, 2, 2]
    assert kinds.count("CaseRated") == 2 and kinds.count("DissatisfactionReviewed") == 1
    assert kinds[-1] == "CaseRated"
    incident = await read(gateway, f"/api/patrol/incidents/{case_id}", "grid_guitang")
    assert incident["status"] == "closed"
    handle = (await Client.connect(TEMPORAL)).get_workflow_handle(f"whistle-{case_id}")

    async def completed():
        return (await handle.describe()).status == WorkflowExecutionStatus.COMPLETED

    await eventually(completed, what="whistle workflow completed after the rating")

    # 6. Oversight's rates for law enforcement equal a recompute from the case timelines.
    async def agree():
        tasks, cases = await recompute_from_timelines(gateway)
        served = await read(gateway, "/api/oversight/metrics?group_by=department", "leader_city")
        expected = [m.model_dump(mode="json") for m in aggregate(tasks, cases, GroupBy.DEPARTMENT)]
        row = next((r for r in served["data"] if r["group"] == "law_enforcement"), None)
        wanted = next(r for r in expected if r["group"] == "law_enforcement")
        return (row, tasks, cases) if row == wanted else None

    row, tasks, cases = await eventually(agree, timeout=60, what="oversight equal to the recompute")
    this_case = [t for t in tasks if t.case_id == case_id]
    mine = {m.group: m for m in aggregate(this_case, cases, GroupBy.DEPARTMENT)}
    ratios = ("resolution_rate", "satisfaction_rate", "not_rated_share", "rework_rate")
    figures = [getattr(mine["law_enforcement"], name) for name in ratios]
    assert [(r.numerator, r.denominator) for r in figures] == [(1, 1), (1, 1), (0, 1), (1, 1)]
    assert row["satisfaction_rate"]["denominator"] >= 1
