"""An inspector on site with a phone: the checklist run at a listed institution with a failed
item, the order it issues signed and rectified by the unit, re-inspected and closed, and the
statistics table read on screen and downloaded, figure for figure the API's."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.async_api import FilePayload, Locator, Page, expect

from tests.browser.conftest import logged_in, new_context, screenshot
from tests.browser.pages import OK_BUTTON, choose, confirm, scene_photo
from tests.browser.records import listed_for_inspector, planned, registered
from tests.support.tokens import bearer

MINGYUE = "52430111DKQ7REM7NR"  # staff_mingyue's unit in the realm, used by no other test
FAILED_ITEM, FOUND = 22, "未使用示范合同文本，合同无退费条款"


@pytest.fixture(autouse=True)
def patient_screens():
    """The whole platform runs beside the browser on a small machine: a screen may take seconds."""
    expect.set_options(timeout=30_000)
    yield
    expect.set_options(timeout=5_000)


async def answer(card: Locator, result: str) -> None:
    await card.get_by_text(result, exact=True).click()
    await expect(card).to_have_attribute("data-saved", "yes")


async def fail_with_photo(page: Page, card: Locator, note: str) -> None:
    await card.get_by_text("不合格", exact=True).click()
    await card.get_by_test_id("item-note").fill(note)
    async with page.expect_file_chooser() as chooser:
        await card.locator(".ant-upload-select").click()
    await (await chooser.value).set_files(
        files=[FilePayload(name="contract.jpg", mimeType="image/jpeg", buffer=scene_photo())]
    )
    await expect(card.locator(".ant-upload-list-item-done")).to_have_count(1)
    await card.get_by_role("button", name="保存不合格项").click()
    await expect(card).to_have_attribute("data-saved", "yes")


def flattened(row: dict, prefix: str = "") -> dict[str, str]:
    """`{"problems_found": {"total": 1}}` → `{"problems_found.total": "1"}`, without the unit."""
    out: dict[str, str] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            out |= flattened(value, f"{prefix}{key}.")
        elif key != "unit":
            out[f"{prefix}{key}"] = str(value)
    return out


async def test_an_inspector_runs_a_checklist_issues_an_order_and_reinspects_on_a_phone(
    browser, console, gateway, run_id, tmp_path
):
    institution = await registered(
        gateway, f"明月学堂{run_id}", credit_code=MINGYUE, township="guitang", grid="guitang-02"
    )  # not in 东塘, whose figures tests/e2e/test_inspections.py counts exactly
    unit = await listed_for_inspector(gateway, institution["credit_code"])
    plan = await planned(gateway, f"寒假专项督导{run_id}")

    phone = await logged_in(await new_context(browser, phone=True), console, "inspector_yuhua")
    await phone.goto(f"{console}/inspections")
    target = phone.get_by_test_id(f"target-{MINGYUE}")
    await expect(target.get_by_test_id("target-status")).to_have_text("待检查")
    await target.get_by_role("button", name="开始检查").click()
    await choose(phone, "plan_id", plan["title"])
    await phone.locator(OK_BUTTON).click()
    await phone.wait_for_url(re.compile(r".*/inspections/[^/]+$"))
    inspection_id = phone.url.rsplit("/", 1)[-1]

    items = phone.locator("[data-testid^=item-]:not([data-testid=item-note])")
    await expect(items).to_have_count(11)  # items 15–25 apply to a subject institution
    for n in range(await items.count()):
        card = items.nth(n)
        number = int((await card.get_attribute("data-testid") or "").removeprefix("item-"))
        if number == FAILED_ITEM:
            await fail_with_photo(phone, card, FOUND)
        else:
            await answer(card, "不适用" if number == 15 else "合格")
    await screenshot(phone, "inspector-checklist")
    await phone.get_by_role("button", name="完成检查").click()
    await confirm(phone)
    await expect(phone.get_by_test_id("inspection-status")).to_have_text("已完成")
    await phone.get_by_test_id("order-issued").get_by_role("button", name="查看督办单").click()
    await phone.wait_for_url(re.compile(r".*/orders/[^/]+$"))
    order_id = phone.url.rsplit("/", 1)[-1]
    await expect(phone.get_by_test_id("order-status")).to_have_text("待签收")
    await expect(phone.get_by_test_id(f"finding-{FAILED_ITEM}")).to_contain_text(FOUND)
    await expect(phone.get_by_test_id("evidence").locator("img")).to_have_count(1)

    stored = (
        await gateway.get(
            f"/api/inspections/inspections/{inspection_id}", headers=bearer("inspector_yuhua")
        )
    ).json()
    assert stored["order_id"] == order_id and stored["plan_id"] == plan["plan_id"]
    assert stored["kind"] == "special" and stored["unit_id"] == unit["unit_id"]
    failed = [r for r in stored["results"] if r["result"] == "fail"]
    assert [(r["item_no"], r["note"], len(r["photos"])) for r in failed] == [
        (FAILED_ITEM, FOUND, 1)
    ]

    staff = await logged_in(await new_context(browser, phone=True), console, "staff_mingyue")
    await staff.goto(f"{console}/orders/{order_id}")
    await staff.get_by_role("button", name="签 收").click()
    await staff.locator("#contact_name").fill("陈静")
    await staff.locator("#contact_phone").fill("0731-85550000")
    await confirm(staff)
    await expect(staff.get_by_test_id("order-status")).to_have_text("整改中")
    await staff.get_by_role("button", name="提交整改材料").click()
    await staff.locator("#note").fill("已换用示范合同文本并与家长重新签订")
    await confirm(staff)
    await expect(staff.get_by_test_id("order-status")).to_have_text("待复查")

    await phone.reload()
    await expect(phone.get_by_test_id("order-status")).to_have_text("待复查")
    await phone.get_by_role("button", name="复 查").click()
    await phone.locator(".ant-modal").get_by_text("合格，销号").click()
    await phone.locator("#note").fill("复查合格，予以销号")
    await confirm(phone)
    await expect(phone.get_by_test_id("order-status")).to_have_text("已销号")
    await expect(phone.locator("[data-kind=reinspection]")).to_contain_text("通过")
    order = (
        await gateway.get(f"/api/inspections/orders/{order_id}", headers=bearer("inspector_yuhua"))
    ).json()
    assert order["status"] == "closed" and order["closed_by"] == "inspector_yuhua"
    assert [e["passed"] for e in order["history"] if e["kind"] == "reinspection"] == [True]

    await phone.get_by_role("link", name="督导统计").click()
    table = phone.get_by_test_id("statistics-table")
    await expect(table.get_by_test_id("stat-guitang-problems_rectified.institutions")).to_have_text(
        "1"
    )
    reply = await gateway.get(
        "/api/inspections/statistics",
        params={"level": "district", "district": "yuhua"},
        headers=bearer("inspector_yuhua"),
    )
    expected = {
        f"stat-{row['unit']}-{path}": value
        for row in [*reply.json()["rows"], reply.json()["total"]]
        for path, value in flattened(row).items()
    }
    shown = await table.evaluate(
        """table => Object.fromEntries([...table.querySelectorAll("[data-testid^=stat-]")]
             .map(cell => [cell.dataset.testid, cell.textContent]))"""
    )
    assert shown == expected

    async with phone.expect_download() as downloading:
        await phone.get_by_test_id("download-xlsx").click()
    saved = tmp_path / (await downloading.value).suggested_filename
    await (await downloading.value).save_as(saved)
    assert saved.name == "双减督导统计表-yuhua.xlsx"
    sheet = load_workbook(io.BytesIO(saved.read_bytes()))["分单位"]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    by_unit = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    total = reply.json()["total"]
    assert by_unit["合计"]["存在问题（个）/合计"] == total["problems_found"]["total"] == 1
    assert by_unit["guitang"]["已完成整改问题数/校外培训机构"] == 1

    office = await logged_in(await new_context(browser), console, "district_yuhua")
    await office.goto(f"{console}/statistics")
    await expect(office.get_by_test_id("stat-合计-problems_found.total")).to_have_text(
        str(total["problems_found"]["total"])
    )
    await screenshot(office, "inspection-statistics")
