"""The registry through the gateway: import, rules → patrol leads and risk signals, remit, lists."""

from __future__ import annotations

import random

import pytest

from tests.support.registry import compliant_row, csv_file, subject_row, xlsx_file
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def rng(run_id, request) -> random.Random:
    """Codes of each test's own: a code another test registered would be refused as a duplicate."""
    return random.Random(f"{run_id}-{request.node.name}")


async def upload(gateway, user: str, name: str, content: bytes, **params):
    kind = XLSX if name.endswith(".xlsx") else "text/csv"
    return await gateway.post(
        "/api/institutions/institutions/import",
        files={"file": (name, content, kind)},
        params=params,
        headers=bearer(user),
    )


async def find(gateway, user: str, **params) -> dict:
    reply = await gateway.get("/api/institutions/institutions", params=params, headers=bearer(user))
    assert reply.status_code == 200, reply.text
    return reply.json()


async def imported(gateway, rng, user: str, row: dict) -> dict:
    reply = await upload(gateway, user, "one.xlsx", xlsx_file([row]))
    assert reply.status_code == 200, reply.text
    (institution,) = (await find(gateway, user, q=row["credit_code"]))["data"]
    return institution


async def test_a_file_with_bad_rows_is_rejected_whole_with_row_level_errors(gateway, rng, run_id):
    prefix = f"拒收{run_id}"
    rows = [
        compliant_row(rng, name=f"{prefix}甲"),
        compliant_row(rng, name=f"{prefix}乙", credit_code="52430111MJ56789010"),
        compliant_row(rng, name=f"{prefix}丙", fee_plans="3000/30/three/prepaid"),
        compliant_row(rng, name=f"{prefix}丁"),
    ]
    reply = await upload(gateway, "district_yuhua", "bad.csv", csv_file(rows))
    assert reply.status_code == 422, reply.text
    report = reply.json()
    assert (report["imported"], report["rejected_rows"]) == (0, 2)
    assert [(e["row"], e["field"]) for e in report["errors"]] == [
        (3, "credit_code"),
        (4, "fee_plans.0.months"),
    ]
    assert "expected 7" in report["errors"][0]["reason"]
    assert (await find(gateway, "district_yuhua", q=prefix))["count"] == 0

    partial = await upload(
        gateway, "district_yuhua", "bad.csv", csv_file(rows), accept_partial=True
    )
    assert partial.status_code == 200 and partial.json()["imported"] == 2
    assert (await find(gateway, "district_yuhua", q=prefix))["count"] == 2


async def test_an_imported_rule_breaker_becomes_a_patrol_lead_and_a_risk_signal(gateway, rng):
    late = subject_row(rng, name="启航学堂", courses="初中数学@fri 19:00-21:00 term")
    institution = await imported(gateway, rng, "edu_officer", late)
    institution_id = institution["institution_id"]

    async def lead_for(user: str):
        reply = await gateway.get("/api/patrol/leads?limit=200", headers=bearer(user))
        assert reply.status_code == 200, reply.text
        return next(
            (
                lead
                for lead in reply.json()["data"]
                if lead["institution_id"] == institution_id and lead["rule"] == "training_hours"
            ),
            None,
        )

    lead = await eventually(lambda: lead_for("grid_dongtang"), what="patrol lead in dongtang-01")
    assert (lead["grid"], lead["institution_name"], lead["status"]) == (
        "dongtang-01",
        "启航学堂",
        "open",
    )
    assert "21:00" in lead["evidence"]
    assert await lead_for("township_dongtang") is not None
    assert await lead_for("grid_guitang") is None

    async def signals():
        reply = await gateway.get(
            f"/api/risk/institutions/{institution_id}/signals", headers=bearer("district_yuhua")
        )
        assert reply.status_code == 200, reply.text
        # Only the registry's own: an institution of another test sharing the address or the
        # legal representative (and banned there) links this one with a signal of its own.
        return [s for s in reply.json()["data"] if s["source"] == "/services/institutions"]

    (signal,) = await eventually(signals, what="risk signal for the institution")
    assert (signal["kind"], signal["source"], signal["severity"]) == (
        "compliance.training_hours",
        "/services/institutions",
        "normal",
    )
    other_district = await gateway.get(
        f"/api/risk/institutions/{institution_id}/signals", headers=bearer("edu_officer_furong")
    )
    assert other_district.json()["count"] == 0


async def test_department_remit_and_read_only_grid_workers(gateway, rng):
    tutoring = await imported(gateway, rng, "district_yuhua", subject_row(rng, name="明德学科辅导"))
    path = f"/api/institutions/institutions/{tutoring['institution_id']}"
    edited = {
        k: v
        for k, v in tutoring.items()
        if k not in ("institution_id", "registered_at", "updated_at")
    } | {"address": "长沙市雨花区东塘街道韶山北路100号"}

    for user, expected in (
        ("market_officer", 403),
        ("grid_dongtang", 403),
        ("edu_officer_furong", 404),
        ("edu_officer", 200),
    ):
        reply = await gateway.put(path, json=edited, headers=bearer(user))
        assert reply.status_code == expected, (user, reply.text)
    assert (
        "education"
        in (await gateway.put(path, json=edited, headers=bearer("market_officer"))).json()["detail"]
    )

    seen = await gateway.get(path, headers=bearer("grid_dongtang"))
    assert seen.status_code == 200 and seen.json()["address"].endswith("韶山北路100号")
    assert (await gateway.get(path, headers=bearer("grid_guitang"))).status_code == 404
    closing = await gateway.post(
        f"{path}/lifecycle",
        json={"to": "closed", "reason": "停业"},
        headers=bearer("grid_dongtang"),
    )
    assert closing.status_code == 403

    rows = [subject_row(rng, name="越权导入"), compliant_row(rng, name="体育机构")]
    reply = await upload(gateway, "edu_officer", "remit.csv", csv_file(rows))
    assert reply.status_code == 422
    assert [(e["row"], e["field"]) for e in reply.json()["errors"]] == [(3, "remit")]


async def test_lifecycle_changes_are_recorded_and_policy_refuses_k9_approvals(gateway, rng):
    def application(**changes) -> dict:
        row = compliant_row(rng, **changes)
        return {k: v for k, v in row.items() if v != ""}

    sports = await gateway.post(
        "/api/institutions/institutions", json=application(), headers=bearer("district_yuhua")
    )
    assert sports.status_code == 201 and sports.json()["state"] == "pending", sports.text
    approved = await gateway.post(
        f"/api/institutions/institutions/{sports.json()['institution_id']}/lifecycle",
        json={"to": "approved", "reason": "材料齐全，准予审批"},
        headers=bearer("district_yuhua"),
    )
    assert approved.status_code == 200, approved.text
    (entry,) = approved.json()["history"]
    assert (entry["from_state"], entry["to_state"], entry["changed_by"], entry["reason"]) == (
        "pending",
        "approved",
        "district_yuhua",
        "材料齐全，准予审批",
    )

    k9 = await gateway.post(
        "/api/institutions/institutions",
        json=application(**{k: v for k, v in subject_row(rng).items() if k != "credit_code"}),
        headers=bearer("edu_officer"),
    )
    refused = await gateway.post(
        f"/api/institutions/institutions/{k9.json()['institution_id']}/lifecycle",
        json={"to": "approved", "reason": "申请审批"},
        headers=bearer("edu_officer"),
    )
    assert refused.status_code == 409 and "K-9" in refused.json()["detail"]


async def test_public_lists_need_no_login_and_show_only_fields_for_parents(gateway, rng, run_id):
    name = f"白名单机构{run_id}"
    row = compliant_row(
        rng,
        name=name,
        list_status="white",
        list_reason="证照齐全、资金监管",
        list_date="2026-09-01",
    )
    await imported(gateway, rng, "district_yuhua", row)
    reply = await gateway.get("/public/lists/white", params={"q": name})
    assert reply.status_code == 200, reply.text
    (listed,) = reply.json()["data"]
    assert listed["name"] == name and listed["list_reason"] == "证照齐全、资金监管"
    assert listed["state"] == "approved" and listed["school_licence_valid_until"] == "2029-06-30"
    assert not {"staff", "fee_plans", "fund_account", "institution_id"} & listed.keys()
    assert (await gateway.get("/public/lists/black", params={"q": name})).json()["count"] == 0
    assert (await gateway.get("/public/lists/grey")).status_code == 422
    assert (await gateway.get("/api/institutions/institutions")).status_code == 401


async def test_a_search_result_exports_as_a_file_that_imports_again(gateway, rng, run_id):
    prefix = f"导出{run_id}"
    rows = [compliant_row(rng, name=f"{prefix}{i}") for i in range(3)]
    assert (await upload(gateway, "district_yuhua", "three.csv", csv_file(rows))).status_code == 200
    for file_format in ("csv", "xlsx"):
        reply = await gateway.get(
            "/api/institutions/institutions/export",
            params={"q": prefix, "format": file_format},
            headers=bearer("grid_dongtang"),
        )
        assert reply.status_code == 200, reply.text
        assert f"institutions.{file_format}" in reply.headers["content-disposition"]
        again = await upload(gateway, "district_yuhua", f"again.{file_format}", reply.content)
        # Every row is understood; each is refused only because it is already registered.
        assert {(e["field"], "already" in e["reason"]) for e in again.json()["errors"]} == {
            ("credit_code", True)
        }
        assert again.json()["rejected_rows"] == 3
