"""Inspections' routes through TestClient: status codes, reach, uploads and downloads."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.fast.inspections.world import GUITANG, LISTING, SCHOOL_ID, XINGCHEN, build, csv_of
from tests.fast.support import bearer

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"1" * 64


@pytest.fixture
def world(uow):
    build(uow)
    return uow


def started(api, unit_id=XINGCHEN.institution_id) -> str:
    reply = api.post(
        "/inspections",
        json={
            "unit_id": unit_id,
            "kind": "routine",
            "location": {"latitude": 28.1, "longitude": 113.0},
        },
        headers=bearer("inspector_yuhua"),
    )
    assert reply.status_code == 201, reply.text
    return reply.json()["inspection_id"]


def uploaded(api, path: str, user: str, content: bytes = PNG, name: str = "p.png"):
    return api.post(path, files={"file": (name, content, "image/png")}, headers=bearer(user))


def completed_order(api, failures: dict[int, str]) -> str:
    inspection_id = started(api)
    photo = uploaded(api, f"/inspections/{inspection_id}/files", "inspector_yuhua").json()["sha256"]
    items = api.get("/checklist", headers=bearer("inspector_yuhua")).json()["items"]
    results = [
        {
            "item_no": item["no"],
            "result": "fail" if item["no"] in failures else "pass",
            "note": failures.get(item["no"], ""),
            "photos": [photo] if item["no"] in failures else [],
        }
        for item in items
        if "non_subject" in item["applies_to"]
    ]
    reply = api.put(
        f"/inspections/{inspection_id}/results",
        json={"results": results},
        headers=bearer("inspector_yuhua"),
    )
    assert reply.status_code == 200, reply.text
    reply = api.post(
        f"/inspections/{inspection_id}/complete", json={}, headers=bearer("inspector_yuhua")
    )
    assert reply.status_code == 200, reply.text
    return reply.json()["order_id"]


def test_roles_are_checked_and_reach_hides_what_is_elsewhere(api, world):
    assert api.get("/units").status_code == 401
    assert api.get("/units", headers=bearer("grid_dongtang")).status_code == 403
    assert api.get("/units", headers=bearer("staff_xingchen")).status_code == 403
    assert api.get("/units", headers=bearer("inspector_yuhua")).json()["count"] == 3
    missing = api.get(f"/units/{GUITANG.institution_id}", headers=bearer("inspector_yuhua"))
    assert missing.status_code == 404 and "reach" in missing.json()["detail"]
    refused = api.post(
        "/inspections",
        json={"unit_id": GUITANG.institution_id, "kind": "routine"},
        headers=bearer("inspector_yuhua"),
    )
    assert refused.status_code == 404
    assert (
        api.post(
            "/inspections",
            json={"unit_id": SCHOOL_ID, "kind": "routine"},
            headers=bearer("district_yuhua"),
        ).status_code
        == 403
    )


def test_an_import_reports_bad_rows_and_refuses_other_files(api, world):
    def send(content: bytes, name: str = "list.csv", user: str = "district_yuhua"):
        return api.post(
            "/assignments/import", files={"file": (name, content, "text/csv")}, headers=bearer(user)
        )

    bad = send(csv_of([{**LISTING[0], "code": "NOPE-1"}]))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "code"
    assert send(csv_of(LISTING)).json() == {
        "assigned": 0,
        "unchanged": 3,
        "rejected_rows": 0,
        "error_count": 0,
        "errors": [],
    }
    wrong = send(b"a,b\n1,2\n", name="list.txt")
    assert wrong.status_code == 422 and ".xlsx" in wrong.json()["detail"]
    header = send(b"who,what\nx,y\n")
    assert header.status_code == 422 and "accepted columns: inspector" in header.json()["detail"]
    assert send(csv_of(LISTING), user="inspector_yuhua").status_code == 403


def test_uploads_are_limited_by_type_and_size(api, world):
    inspection_id = started(api)
    path = f"/inspections/{inspection_id}/files"
    first = uploaded(api, path, "inspector_yuhua")
    assert first.status_code == 201 and first.json()["media_type"] == "image/png"
    assert uploaded(api, path, "inspector_yuhua").json()["sha256"] == first.json()["sha256"]
    text = uploaded(api, path, "inspector_yuhua", b"hello", "x.png")
    assert text.status_code == 422 and "accepted: JPEG, PNG, WebP, PDF" in text.json()["detail"]
    huge = uploaded(api, path, "inspector_yuhua", PNG + b"\x00" * 70_000)
    assert huge.status_code == 413 and "larger than" in huge.json()["detail"]
    photo = api.get(f"{path}/{first.json()['sha256']}", headers=bearer("township_dongtang"))
    assert photo.status_code == 200 and photo.content == PNG
    assert photo.headers["content-type"] == "image/png"


def test_an_order_from_completion_to_closure(api, world):
    order_id = completed_order(api, {22: "未使用示范合同文本", 24: "消防通道堵塞"})
    detail = api.get(f"/orders/{order_id}", headers=bearer("staff_xingchen")).json()
    assert detail["form"]["target"] == "星辰艺术培训中心" and len(detail["form"]["problems"]) == 2
    assert detail["deadline"].endswith("+00:00") or detail["deadline"].endswith("Z")
    printed = api.get(f"/orders/{order_id}/form", headers=bearer("staff_xingchen")).text
    for label in (
        "编号：yuhua-2026-0001",
        "督办对象：星辰艺术培训中心",
        "发现的问题、整改要求（含时限）",
        "联系电话",
    ):
        assert label in printed
    assert api.get(f"/orders/{order_id}", headers=bearer("staff_guitang_sports")).status_code == 404
    assert api.get("/orders", headers=bearer("staff_guitang_sports")).json()["count"] == 0

    early = api.post(
        f"/orders/{order_id}/evidence",
        json={"note": "已整改完毕"},
        headers=bearer("staff_xingchen"),
    )
    assert early.status_code == 409 and "after signing" in early.json()["detail"]
    bad_phone = api.post(
        f"/orders/{order_id}/acknowledge",
        json={"contact_name": "陈静", "contact_phone": "call me"},
        headers=bearer("staff_xingchen"),
    )
    assert bad_phone.status_code == 422
    signed = api.post(
        f"/orders/{order_id}/acknowledge",
        json={"contact_name": "陈静", "contact_phone": "13800000000"},
        headers=bearer("staff_xingchen"),
    )
    assert signed.status_code == 200 and signed.json()["status"] == "rectifying"
    assert signed.json()["form"]["signed_by_unit"] == "星辰艺术培训中心"
    assert (
        api.post(
            f"/orders/{order_id}/acknowledge",
            json={"contact_name": "陈静", "contact_phone": "13800000000"},
            headers=bearer("inspector_yuhua"),
        ).status_code
        == 403
    )

    evidence = uploaded(
        api, f"/orders/{order_id}/files", "staff_xingchen", PDF, "整改报告.pdf"
    ).json()["sha256"]
    submitted = api.post(
        f"/orders/{order_id}/evidence",
        json={"note": "已更换合同并清理消防通道", "files": [evidence]},
        headers=bearer("staff_xingchen"),
    )
    assert submitted.status_code == 200 and submitted.json()["status"] == "awaiting_reinspection"
    inspection_photo = detail["findings"][0]["photos"][0]
    assert (
        api.get(
            f"/orders/{order_id}/files/{inspection_photo}", headers=bearer("staff_xingchen")
        ).status_code
        == 200
    )
    assert (
        api.get(f"/orders/{order_id}/files/{evidence}", headers=bearer("inspector_yuhua")).content
        == PDF
    )

    closed = api.post(
        f"/orders/{order_id}/reinspection",
        json={"passed": True, "note": "复查合格"},
        headers=bearer("inspector_yuhua"),
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert [e["kind"] for e in closed.json()["history"]] == [
        "acknowledged",
        "evidence",
        "reinspection",
    ]
    assert api.get("/orders?status=closed", headers=bearer("district_yuhua")).json()["count"] == 1


def test_the_statistics_table_as_json_csv_and_the_annex_xlsx(api, world):
    completed_order(api, {24: "消防通道堵塞"})
    leader = bearer("leader_city")
    table = api.get("/statistics", headers=leader).json()
    assert table["total"]["problems_found"]["total"] == 1
    assert table["total"]["problems_rectifying"]["institutions"] == 1

    exported = api.get("/statistics?format=csv&level=district&district=yuhua", headers=leader)
    assert exported.headers["content-disposition"] == 'attachment; filename="statistics.csv"'
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][0] == "单位" and [r[0] for r in rows[1:]] == ["dongtang", "合计"]
    found = rows[0].index("存在问题（个）/合计")
    assert rows[-1][found] == "1"

    book = load_workbook(io.BytesIO(api.get("/statistics?format=xlsx", headers=leader).content))
    assert book.sheetnames == ["统计表", "分单位"]
    form = [[c for c in row if c is not None] for row in book["统计表"].iter_rows(values_only=True)]
    assert form[0] == ["“双减”督导有关情况统计表"]
    labels = {c for row in form for c in row if isinstance(c, str)}
    for header in (
        "责任督学到校督导工作情况",
        "派出责任督学数（人）",
        "存在问题（个）",
        "正在整改问题数",
        "印发督办单（件）",
        "约谈（人次）",
        "其中：区教育督导部门",
    ):
        assert header in labels
    assert form[-1][0].startswith("说明：“学校整改落实情况”栏中，存在问题=已完成整改+正在整改问题")
    assert next(book["分单位"].iter_rows(values_only=True))[0] == "单位"


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("level=district", "needs district"),
        ("level=township&district=yuhua", "needs township"),
        ("from=2026-12-01&to=2026-11-01", "to must not be before from"),
        ("from=yesterday", "date"),
        ("format=pdf", "json"),
    ],
)
def test_a_bad_statistics_request_says_what_is_accepted(api, query, says):
    reply = api.get(f"/statistics?{query}", headers=bearer("leader_city"))
    assert reply.status_code == 422 and says in reply.text


def test_the_checklist_and_its_versions(api):
    current = api.get("/checklist", headers=bearer("inspector_yuhua")).json()
    assert current["version"] == "2023.1" and len(current["items"]) == 25
    assert api.get("/checklist/1999", headers=bearer("inspector_yuhua")).status_code == 404


def test_plans_by_the_district_office_and_inspections_under_them(api, world):
    office = bearer("district_yuhua")
    winter = {
        "kind": "joint",
        "title": "寒假校外培训联合检查",
        "starts_on": "2027-01-25",
        "ends_on": "2027-02-20",
        "focus": "寒假",
        "departments": ["market_supervision", "fire_safety"],
    }
    created = api.post("/plans", json=winter, headers=office)
    assert created.status_code == 201, created.text
    plan = created.json()
    assert (plan["district"], plan["departments"]) == (
        "yuhua",
        ["market_supervision", "fire_safety"],
    )
    for bad, says in (
        ({**winter, "departments": []}, "departments are required"),
        ({**winter, "ends_on": "2027-01-01"}, "ends_on must not be before"),
        ({**winter, "kind": "weekly"}, "routine"),
    ):
        refused = api.post("/plans", json=bad, headers=office)
        assert refused.status_code == 422 and says in refused.text
    assert api.post("/plans", json=winter, headers=bearer("inspector_yuhua")).status_code == 403
    assert api.get("/plans", headers=bearer("inspector_yuhua")).json()["count"] == 1

    inspector = bearer("inspector_yuhua")
    under = {"unit_id": XINGCHEN.institution_id, "kind": "joint", "plan_id": plan["plan_id"]}
    started = api.post("/inspections", json=under, headers=inspector)
    assert started.status_code == 201 and started.json()["departments"] == plan["departments"]
    mismatch = api.post("/inspections", json={**under, "kind": "routine"}, headers=inspector)
    assert mismatch.status_code == 422 and "joint" in mismatch.json()["detail"]
    unknown = api.post("/inspections", json={**under, "plan_id": "nope"}, headers=inspector)
    assert unknown.status_code == 404
    alone = api.post("/inspections", json={**under, "plan_id": None}, headers=inspector)
    assert alone.status_code == 422 and "departments are required" in alone.json()["detail"]
    detail = api.get(f"/inspections/{started.json()['inspection_id']}", headers=inspector).json()
    assert detail["status"] == "in_progress" and detail["results"] == []
