"""The registry's routes through TestClient: status codes, scope and the shape of answers."""

from __future__ import annotations

import csv
import io
import random

import pytest
from openpyxl import load_workbook

from govkit.spreadsheets import UploadLimits
from institutions.api import files
from institutions.tabular import HEADERS
from tests.fast.support import bearer
from tests.support.registry import compliant_row, csv_file, subject_row, xlsx_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def application(seed: int = 1, row=compliant_row, **changes: str) -> dict[str, str]:
    return {k: v for k, v in row(random.Random(seed), **changes).items() if v != ""}


def upload(api, user: str, name: str, content: bytes, **params):
    kind = XLSX if name.endswith(".xlsx") else "text/csv"
    return api.post(
        "/institutions/import",
        files={"file": (name, content, kind)},
        params=params,
        headers=bearer(user),
    )


def register(
    api, user: str = "district_yuhua", seed: int = 1, row=compliant_row, **changes
) -> dict:
    body = application(seed, row, **changes)
    reply = api.post("/institutions", json=body, headers=bearer(user))
    assert reply.status_code == 201, reply.text
    return reply.json()


def test_register_read_and_list(api, uow):
    created = register(api)
    assert created["state"] == "pending"
    path = f"/institutions/{created['institution_id']}"
    seen = api.get(path, headers=bearer("grid_dongtang"))
    assert seen.status_code == 200
    assert (seen.json()["open_violations"], seen.json()["history"]) == ([], [])
    listed = api.get("/institutions", headers=bearer("township_dongtang")).json()
    assert listed["count"] == 1 and listed["data"][0]["credit_code"] == created["credit_code"]
    assert len(uow.committed) == 1


def test_who_may_register(api, uow):
    assert api.post("/institutions", json=application()).status_code == 401
    refused = api.post("/institutions", json=application(), headers=bearer("grid_dongtang"))
    assert refused.status_code == 403
    tutoring = application(row=subject_row)
    outside = api.post("/institutions", json=tutoring, headers=bearer("market_officer"))
    assert outside.status_code == 403 and "education" in outside.json()["detail"]
    invalid = application(credit_code="52430111MJ56789010")
    wrong_code = api.post("/institutions", json=invalid, headers=bearer("district_yuhua"))
    assert wrong_code.status_code == 422 and "expected 7" in wrong_code.text
    register(api)
    taken = api.post("/institutions", json=application(), headers=bearer("edu_officer"))
    assert taken.status_code == 403  # outside the remit, whether the code is taken stays unsaid
    again = api.post("/institutions", json=application(), headers=bearer("district_yuhua"))
    assert again.status_code == 409 and "already registered" in again.json()["detail"]
    assert len(uow.committed) == 1


def test_department_remit_and_read_only_grid_workers(api):
    tutoring = register(api, seed=2, row=subject_row)
    path = f"/institutions/{tutoring['institution_id']}"
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
        reply = api.put(path, json=edited, headers=bearer(user))
        assert reply.status_code == expected, (user, reply.text)
    seen = api.get(path, headers=bearer("grid_dongtang"))
    assert seen.status_code == 200 and seen.json()["address"].endswith("韶山北路100号")
    assert api.get(path, headers=bearer("grid_guitang")).status_code == 404
    moved = api.put(path, json=edited | {"state": "approved"}, headers=bearer("edu_officer"))
    assert moved.status_code == 409 and "lifecycle" in moved.json()["detail"]


def test_lifecycle_is_recorded_and_policy_refuses_k9_approvals(api):
    sports = register(api)
    path = f"/institutions/{sports['institution_id']}/lifecycle"
    approve = {"to": "approved", "reason": "材料齐全，准予审批"}
    assert api.post(path, json=approve, headers=bearer("grid_dongtang")).status_code == 403
    assert (
        api.post(path, json={"to": "approved"}, headers=bearer("district_yuhua")).status_code == 422
    )
    approved = api.post(path, json=approve, headers=bearer("district_yuhua"))
    assert approved.status_code == 200, approved.text
    (entry,) = approved.json()["history"]
    assert (entry["from_state"], entry["to_state"], entry["changed_by"]) == (
        "pending",
        "approved",
        "district_yuhua",
    )
    tutoring = register(api, "edu_officer", seed=3, row=subject_row)
    refused = api.post(
        f"/institutions/{tutoring['institution_id']}/lifecycle",
        json={"to": "approved", "reason": "申请审批"},
        headers=bearer("edu_officer"),
    )
    assert refused.status_code == 409 and "K-9" in refused.json()["detail"]
    missing = api.post("/institutions/nope/lifecycle", json=approve, headers=bearer("admin_user"))
    assert missing.status_code == 404


def test_a_bad_file_is_rejected_whole_with_a_report(api, uow):
    rng = random.Random(4)
    rows = [
        compliant_row(rng),
        compliant_row(rng, credit_code="52430111MJ56789010"),
        compliant_row(rng, fee_plans="3000/30/three/prepaid"),
    ]
    reply = upload(api, "district_yuhua", "bad.csv", csv_file(rows))
    assert reply.status_code == 422
    report = reply.json()
    assert (report["imported"], report["rejected_rows"]) == (0, 2)
    assert [(e["row"], e["field"]) for e in report["errors"]] == [
        (3, "credit_code"),
        (4, "fee_plans.0.months"),
    ]
    assert uow.committed == []
    partial = upload(api, "district_yuhua", "bad.xlsx", xlsx_file(rows), accept_partial=True)
    assert partial.status_code == 200 and partial.json()["imported"] == 1
    assert upload(api, "grid_dongtang", "bad.csv", csv_file(rows)).status_code == 403


def test_unreadable_and_oversized_files_are_refused(api, monkeypatch):
    unreadable = upload(api, "district_yuhua", "x.xlsx", b"not a workbook")
    assert unreadable.status_code == 422 and ".xlsx" in unreadable.json()["detail"]
    monkeypatch.setattr(files, "LIMITS", UploadLimits(upload_bytes=10))
    too_big = upload(api, "district_yuhua", "x.csv", b"credit_code\n" + b"x" * 10)
    assert too_big.status_code == 413


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(("headers", "first"), [("en", "credit_code"), ("zh", "统一社会信用代码")])
def test_a_search_exports_as_a_file_that_imports_again(api, file_format, headers, first):
    rows = [compliant_row(random.Random(seed), name=f"导出{seed}") for seed in range(3)]
    assert upload(api, "district_yuhua", "three.csv", csv_file(rows)).status_code == 200
    reply = api.get(
        "/institutions/export",
        params={"q": "导出", "format": file_format, "headers": headers},
        headers=bearer("grid_dongtang"),
    )
    assert reply.status_code == 200, reply.text
    assert f"institutions.{file_format}" in reply.headers["content-disposition"]
    assert (
        "filename*=UTF-8''%E6%9C%BA%E6%9E%84%E5%90%8D%E5%BD%95"
        in (reply.headers["content-disposition"])
    )  # 机构名录
    header = _header(reply.content, file_format)
    assert header[0] == first and header == list(HEADERS[headers])
    again = upload(api, "district_yuhua", f"again.{file_format}", reply.content)
    assert {(e["field"], "already" in e["reason"]) for e in again.json()["errors"]} == {
        ("credit_code", True)
    }
    wrong_format = {"format": "pdf"}
    assert (
        api.get(
            "/institutions/export", params=wrong_format, headers=bearer("leader_city")
        ).status_code
        == 422
    )


def _header(content: bytes, file_format: str) -> list[str]:
    if file_format == "csv":
        return next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [cell.value for cell in next(sheet.iter_rows())]


def test_public_lists_need_no_login_and_show_only_fields_for_parents(api):
    register(
        api,
        list_status="white",
        list_reason="证照齐全、资金监管",
        list_date="2026-09-01",
        legal_representative="赵某",
    )
    reply = api.get("/public/lists/white")
    assert reply.status_code == 200, reply.text
    (listed,) = reply.json()["data"]
    assert listed["list_reason"] == "证照齐全、资金监管"
    hidden = {"staff", "fee_plans", "fund_account", "institution_id", "legal_representative"}
    assert not hidden & listed.keys() and "赵某" not in reply.text
    assert api.get("/public/lists/black").json()["count"] == 0
    assert api.get("/public/lists/grey").status_code == 422
    assert api.get("/institutions").status_code == 401


def test_paging_is_bounded(api):
    assert api.get("/institutions?limit=0", headers=bearer("leader_city")).status_code == 422
    assert (
        api.get("/institutions?offset=99999999999", headers=bearer("leader_city")).status_code
        == 422
    )
    assert api.get("/public/lists/white?limit=201").status_code == 422
