"""Inspections through the gateway with real tokens: listing, an inspection with a fire-safety
failure, the order signed, rectified, re-inspected and closed, access, and the statistics table."""

from __future__ import annotations

import io
import random

import httpx
import pytest
from openpyxl import Workbook, load_workbook

from tests.support.registry import compliant_row, credit_code, xlsx_file
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e

XINGCHEN = "52430111MJY0001028"  # staff_xingchen's unit in the realm
GUITANG = "91430111MA4Q00103N"  # staff_guitang_sports's unit
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
PDF = b"%PDF-1.7\n%demo evidence\n"
FAILURES = {
    16: "预收费未进入资金监管账户",
    22: "未使用示范合同文本",
    24: "安全出口堵塞，灭火器过期",
}
COLUMNS = ["inspector", "unit_type", "code", "name", "level", "township", "address"]


def _assignments(rows: list[dict[str, str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([row.get(c, "") for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def _ok(reply: httpx.Response, status: int = 200) -> dict:
    assert reply.status_code == status, reply.text
    return reply.json()


@pytest.fixture(scope="module")
async def units(platform, run_id) -> dict[str, dict]:
    """Three institutions in the registry; the demo inspector listed for two and a school."""
    rng = random.Random(f"inspections-{run_id}")  # codes of our own, not the registry tests'
    outsider = credit_code(rng)
    rows = [
        compliant_row(
            rng,
            credit_code=XINGCHEN,
            name="星辰艺术培训中心",
            non_subject_kind="culture_arts",
            supervising_department="culture_tourism",
        ),
        compliant_row(
            rng,
            credit_code=GUITANG,
            name="圭塘青少年体育俱乐部",
            township="guitang",
            grid="guitang-01",
        ),
        compliant_row(rng, credit_code=outsider, name=f"未挂牌机构{run_id}"),
    ]
    async with httpx.AsyncClient(base_url=platform.gateway_url, timeout=60) as gateway:
        office = bearer("district_yuhua")
        reply = await gateway.post(
            "/api/institutions/institutions/import",
            files={"file": ("three.xlsx", xlsx_file(rows), "application/octet-stream")},
            headers=office,
        )
        await _ok(reply)

        async def known(code: str):
            found = await gateway.get("/api/inspections/units", params={"q": code}, headers=office)
            return (await _ok(found))["data"]

        found = {}
        for name, code in (("xingchen", XINGCHEN), ("guitang", GUITANG), ("outsider", outsider)):
            found[name] = (await eventually(lambda c=code: known(c), what=f"unit {code}"))[0]
        listing = [
            {"inspector": "inspector_yuhua", "unit_type": "institution", "code": XINGCHEN},
            {"inspector": "inspector_yuhua", "unit_type": "institution", "code": GUITANG},
            {
                "inspector": "inspector_yuhua",
                "unit_type": "school",
                "code": f"S-{run_id}",
                "name": "东塘小学",
                "level": "primary",
                "township": "dongtang",
                "address": "东塘街道1号",
            },
        ]
        reply = await gateway.post(
            "/api/inspections/assignments/import",
            files={"file": ("assignments.xlsx", _assignments(listing), "application/octet-stream")},
            headers=office,
        )
        assert (await _ok(reply))["assigned"] == 3
    return found


async def inspect(gateway, unit: dict, failures: dict[int, str]) -> dict:
    """The inspector runs the checklist at a listed unit, with a photo for each failure."""
    inspector = bearer("inspector_yuhua")
    started = await _ok(
        await gateway.post(
            "/api/inspections/inspections",
            json={"unit_id": unit["unit_id"], "kind": "special"},
            headers=inspector,
        ),
        201,
    )
    path = f"/api/inspections/inspections/{started['inspection_id']}"
    photo = await _ok(
        await gateway.post(
            f"{path}/files", files={"file": ("p.png", PNG, "image/png")}, headers=inspector
        ),
        201,
    )
    checklist = await _ok(await gateway.get("/api/inspections/checklist", headers=inspector))
    applies = "subject" if unit["unit_kind"] == "subject_institution" else "non_subject"
    results = [
        {
            "item_no": item["no"],
            "result": "fail" if item["no"] in failures else "pass",
            "note": failures.get(item["no"], ""),
            "photos": [photo["sha256"]] if item["no"] in failures else [],
        }
        for item in checklist["items"]
        if applies in item["applies_to"]
    ]
    await _ok(await gateway.put(f"{path}/results", json={"results": results}, headers=inspector))
    return await _ok(await gateway.post(f"{path}/complete", json={}, headers=inspector))


@pytest.fixture(scope="module")
async def orders(platform, units) -> dict[str, dict]:
    async with httpx.AsyncClient(base_url=platform.gateway_url, timeout=60) as gateway:
        xingchen = await inspect(gateway, units["xingchen"], FAILURES)
        guitang = await inspect(gateway, units["guitang"], {22: "未使用示范合同文本"})
        return {
            name: await _ok(
                await gateway.get(
                    f"/api/inspections/orders/{done['order_id']}", headers=bearer("district_yuhua")
                )
            )
            for name, done in (("xingchen", xingchen), ("guitang", guitang))
        }


async def test_an_inspector_gets_404_for_a_unit_not_listed_for_them(gateway, units):
    inspector = bearer("inspector_yuhua")
    outsider = units["outsider"]["unit_id"]
    missing = await gateway.get(f"/api/inspections/units/{outsider}", headers=inspector)
    assert missing.status_code == 404, missing.text
    refused = await gateway.post(
        "/api/inspections/inspections",
        json={"unit_id": outsider, "kind": "routine"},
        headers=inspector,
    )
    assert refused.status_code == 404, refused.text
    assert (
        await gateway.get(f"/api/inspections/units/{outsider}", headers=bearer("district_yuhua"))
    ).status_code == 200
    assert (
        await gateway.get("/api/inspections/orders", headers=bearer("grid_dongtang"))
    ).status_code == 403


async def test_three_failures_make_one_order_in_the_templates_layout(orders):
    order = orders["xingchen"]
    assert order["status"] == "issued" and order["severity"] == "urgent"
    assert [f["item_no"] for f in order["findings"]] == [16, 22, 24]
    form = order["form"]
    assert (form["target"], form["inspector"]) == ("星辰艺术培训中心", "inspector_yuhua")
    assert [p["item_no"] for p in form["problems"]] == [16, 22, 24] and form["signed_on"] is None
    assert order["deadline"] > order["issued_at"]


async def test_institution_staff_see_only_their_own_orders(gateway, orders):
    mine, theirs = orders["xingchen"]["order_id"], orders["guitang"]["order_id"]
    listed = await _ok(
        await gateway.get("/api/inspections/orders", headers=bearer("staff_xingchen"))
    )
    assert {o["order_id"] for o in listed["data"]} == {mine}
    for path in (f"/api/inspections/orders/{theirs}", f"/api/inspections/orders/{theirs}/form"):
        assert (await gateway.get(path, headers=bearer("staff_xingchen"))).status_code == 404
    signed = await gateway.post(
        f"/api/inspections/orders/{theirs}/acknowledge",
        json={"contact_name": "陈静", "contact_phone": "13800000000"},
        headers=bearer("staff_xingchen"),
    )
    assert signed.status_code == 404
    assert (
        await gateway.get("/api/inspections/units", headers=bearer("staff_xingchen"))
    ).status_code == 403
    assert (
        await gateway.get("/api/patrol/incidents", headers=bearer("staff_xingchen"))
    ).status_code == 403
    other = await _ok(
        await gateway.get("/api/inspections/orders", headers=bearer("staff_guitang_sports"))
    )
    assert {o["order_id"] for o in other["data"]} == {theirs}


async def test_signed_rectified_reinspected_and_closed_then_counted(gateway, orders):
    order_id = orders["xingchen"]["order_id"]
    path = f"/api/inspections/orders/{order_id}"
    staff = bearer("staff_xingchen")
    signed = await _ok(
        await gateway.post(
            f"{path}/acknowledge",
            json={"contact_name": "陈静", "contact_phone": "0731-85550000"},
            headers=staff,
        )
    )
    assert (
        signed["status"] == "rectifying" and signed["form"]["signed_by_unit"] == "星辰艺术培训中心"
    )
    evidence = await _ok(
        await gateway.post(
            f"{path}/files", files={"file": ("整改报告.pdf", PDF, "application/pdf")}, headers=staff
        ),
        201,
    )
    submitted = await _ok(
        await gateway.post(
            f"{path}/evidence",
            json={
                "note": "已纳入资金监管、换用示范合同、清理安全出口",
                "files": [evidence["sha256"]],
            },
            headers=staff,
        )
    )
    assert submitted["status"] == "awaiting_reinspection"
    seen = await gateway.get(
        f"{path}/files/{evidence['sha256']}", headers=bearer("inspector_yuhua")
    )
    assert seen.status_code == 200 and seen.content == PDF
    closed = await _ok(
        await gateway.post(
            f"{path}/reinspection",
            json={"passed": True, "note": "复查合格，予以销号"},
            headers=bearer("inspector_yuhua"),
        )
    )
    assert closed["status"] == "closed" and all(f["rectified_at"] for f in closed["findings"])

    office = bearer("district_yuhua")
    table = await _ok(
        await gateway.get(
            "/api/inspections/statistics",
            params={"level": "district", "district": "yuhua"},
            headers=office,
        )
    )
    dongtang = next(row for row in table["rows"] if row["unit"] == "dongtang")
    assert dongtang["problems_found"]["institutions"] == 3
    assert dongtang["problems_rectified"]["institutions"] == 3
    assert dongtang["problems_rectifying"]["institutions"] == 0
    for row in [*table["rows"], table["total"]]:
        for column in ("total", "primary", "junior", "institutions"):
            found = row["problems_found"][column]
            assert found == row["problems_rectified"][column] + row["problems_rectifying"][column]
    exported = await gateway.get(
        "/api/inspections/statistics",
        params={"level": "district", "district": "yuhua", "format": "xlsx"},
        headers=office,
    )
    assert exported.status_code == 200, exported.text
    book = load_workbook(io.BytesIO(exported.content))
    labels = {
        c for row in book["统计表"].iter_rows(values_only=True) for c in row if isinstance(c, str)
    }
    assert {"存在问题（个）", "已完成整改问题数", "正在整改问题数", "印发督办单（件）"} <= labels


async def test_the_fire_safety_failure_lands_in_the_fire_departments_inbox(gateway, orders):
    fire = next(f for f in orders["xingchen"]["findings"] if f["item_no"] == 24)
    assert fire["incident_id"]

    async def fire_task():
        reply = await gateway.get(
            "/api/enforcement/tasks?limit=200", headers=bearer("fire_officer")
        )
        return next((t for t in reply.json()["data"] if t["case_id"] == fire["incident_id"]), None)

    task = await eventually(fire_task, timeout=20, what="fire-safety task")
    assert task["department"] == "fire_safety"


async def test_evidence_gets_its_reinspection_scheduled_by_the_orders_workflow(gateway, orders):
    order = orders["guitang"]
    path, staff = f"/api/inspections/orders/{order['order_id']}", bearer("staff_guitang_sports")
    signing = {"contact_name": "李强", "contact_phone": "0731-85551111"}
    await _ok(await gateway.post(f"{path}/acknowledge", json=signing, headers=staff))
    evidence = {"note": "已改用示范合同文本并重新签订"}
    submitted = await _ok(await gateway.post(f"{path}/evidence", json=evidence, headers=staff))
    assert submitted["reinspection_due_by"] is None

    async def scheduled():
        reply = await _ok(await gateway.get(path, headers=bearer("district_yuhua")))
        return [e for e in reply["history"] if e["kind"] == "reinspection_scheduled"]

    (entry,) = await eventually(scheduled, timeout=20, what="the re-inspection the workflow asks")
    assert entry["entry_id"] == f"rectification-{order['order_id']}:reinspection:1"
    assert entry["by"] == "rectification-workflow" and entry["deadline"] > order["issued_at"]
