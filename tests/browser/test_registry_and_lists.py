"""The registry in the browser: a parent on a phone searches the white and black lists without
an account; a department officer searches the registry, opens a record with its licences, risk
and cases, and imports a file whose bad row comes back in a table."""

from __future__ import annotations

import random

from playwright.async_api import Request, expect

from tests.browser.conftest import logged_in, new_context, screenshot
from tests.support.registry import compliant_row, credit_code, csv_file, subject_row
from tests.support.reports import unlicensed_school_report
from tests.support.tokens import bearer
from tests.support.waiting import eventually

IMPORT_SECONDS = 60
RISK_LEVELS = {"green": "绿色", "yellow": "黄色预警", "red": "红色预警"}
NO_LICENCES = {
    "school_licence_no": "",
    "school_licence_valid_until": "",
    "business_licence_no": "",
    "business_licence_valid_until": "",
}


async def imported(gateway, rows: list[dict[str, str]]) -> None:
    reply = await gateway.post(
        "/api/institutions/institutions/import",
        files={"file": ("lists.csv", csv_file(rows), "text/csv")},
        headers=bearer("district_yuhua"),
    )
    assert reply.status_code == 200 and reply.json()["imported"] == len(rows), reply.text


async def test_a_parent_finds_a_listed_institution_on_a_phone_without_logging_in(
    browser, console, gateway, run_id
):
    rng = random.Random(f"{run_id}-parents")
    white = compliant_row(
        rng,
        name=f"星辰青少年篮球俱乐部{run_id}",
        list_status="white",
        list_reason="证照齐全，预收费资金已纳入银行监管",
        list_date="2026-09-01",
    )
    black = subject_row(
        rng,
        name=f"金桥学堂{run_id}",  # its own name: the whistle's browser test reports 启航学堂
        state="banned",
        list_status="black",
        list_reason="无证无照开展初中学科类培训，已依法取缔",
        list_date="2026-03-15",
        **NO_LICENCES,
    )
    await imported(gateway, [white, black])

    page = await (await new_context(browser, phone=True)).new_page()
    asked: list[str] = []

    def note(request: Request) -> None:
        asked.append(request.url)

    page.on("request", note)
    await page.goto(f"{console}/parents")
    await page.get_by_placeholder("机构名称或统一社会信用代码").fill(white["name"])
    await page.get_by_role("button", name="查询").click()
    card = page.get_by_test_id("listed").filter(has_text=white["name"])
    await expect(card).to_contain_text("有效期至 2029-06-30")
    await expect(card.get_by_test_id("list-reason")).to_contain_text(white["list_reason"])

    await page.get_by_role("tab", name="黑名单").click()
    await expect(page.get_by_test_id("no-results")).to_contain_text("黑名单中没有找到")

    await page.get_by_placeholder("机构名称或统一社会信用代码").fill(black["name"])
    await page.get_by_label("所在区县").select_option(label="雨花区")
    await page.get_by_role("button", name="查询").click()
    listed = page.get_by_test_id("listed")
    await expect(listed).to_have_count(1)
    await expect(listed.get_by_test_id("list-reason")).to_contain_text(black["list_reason"])
    await expect(listed).to_contain_text("已取缔")
    await expect(listed).to_contain_text("未取得")
    assert "list=black" in page.url and "district=yuhua" in page.url
    await screenshot(page, "parents-lists")

    # Nothing but the page, its files and the public lists: no login, no token, no Keycloak.
    assert all(url.startswith(console) for url in asked), asked
    assert not [url for url in asked if "/api/" in url or "config.json" in url], asked

    # The lists out of reach: the page says so and offers to try again, it does not go blank.
    await page.route("**/public/lists/**", lambda route: route.fulfill(status=503, body="down"))
    await page.get_by_role("tab", name="白名单").click()
    await expect(page.get_by_role("alert")).to_contain_text("查询失败，请检查网络后重试")
    await page.unroute("**/public/lists/**")
    await page.get_by_role("button", name="重试").click()
    await expect(page.get_by_test_id("listed")).to_have_count(0)
    await expect(page.get_by_test_id("no-results")).to_contain_text("白名单中没有找到")


async def test_a_department_searches_opens_a_record_and_sees_an_imports_bad_row(
    browser, console, gateway, run_id
):
    rng = random.Random(f"{run_id}-registry")
    row = subject_row(rng, name=f"启航初中数学辅导中心{run_id}")
    await imported(gateway, [row])
    (found,) = (
        await gateway.get(
            "/api/institutions/institutions",
            params={"q": row["credit_code"]},
            headers=bearer("edu_officer"),
        )
    ).json()["data"]
    institution_id = found["institution_id"]
    rectify = {"to": "rectifying", "reason": "周末开展学科类培训，责令限期整改"}
    reply = await gateway.post(
        f"/api/institutions/institutions/{institution_id}/lifecycle",
        json=rectify,
        headers=bearer("edu_officer"),
    )
    assert reply.status_code == 200, reply.text
    report = unlicensed_school_report(
        institution_id=institution_id, description=f"周末有学生进出 {run_id}"
    )
    reply = await gateway.post(
        "/api/patrol/incidents", json=report, headers=bearer("grid_dongtang")
    )
    assert reply.status_code == 201, reply.text
    case_id = reply.json()["incident_id"]

    async def cases() -> list[dict] | None:
        listing = await gateway.get(
            "/api/enforcement/cases",
            params={"institution_id": institution_id},
            headers=bearer("edu_officer"),
        )
        return listing.json()["data"] or None

    assert [c["case_id"] for c in await eventually(cases, what="the case")] == [case_id]

    async def profile() -> dict | None:
        reply = await gateway.get(
            f"/api/risk/institutions/{institution_id}", headers=bearer("edu_officer")
        )
        return reply.json() if reply.status_code == 200 else None

    level = (await eventually(profile, what="its risk profile"))["entry"]["level"]

    page = await logged_in(await new_context(browser), console, "edu_officer")
    await page.goto(f"{console}/registry")
    await page.get_by_placeholder("名称或统一社会信用代码").fill(run_id)
    await page.get_by_test_id("registry-search").click()
    await page.get_by_test_id("registry-row").filter(has_text=row["name"]).click()
    await expect(page.get_by_test_id("record-name")).to_have_text(row["name"])
    licences = page.get_by_test_id("licence")
    await expect(licences.first).to_contain_text(f"办学许可证 {row['school_licence_no']}")
    await expect(licences.nth(1)).to_contain_text("有效期至 2029-06-30")
    await expect(page.get_by_test_id("risk-level")).to_have_text(RISK_LEVELS[level])
    await expect(page.get_by_test_id("lifecycle-entry")).to_contain_text(rectify["reason"])
    await expect(page.get_by_role("link", name=case_id)).to_be_visible()
    await screenshot(page, "registry-record")

    await page.goto(f"{console}/registry/import")
    good = subject_row(rng, name=f"好行{run_id}", credit_code=credit_code(rng))
    bad = subject_row(rng, name=f"坏行{run_id}", credit_code="52430111MJ56789010")
    await page.locator("input[type=file]").set_input_files(
        files=[{"name": "registry.csv", "mimeType": "text/csv", "buffer": csv_file([good, bad])}]
    )
    # The file is read in a process of its own (ADR 0012): seconds on a busy machine.
    rejected = page.get_by_test_id("import-rejected")
    await expect(rejected).to_contain_text("1 行有误", timeout=IMPORT_SECONDS * 1000)
    problem = page.get_by_test_id("import-errors").locator("tr.ant-table-row")
    await expect(problem).to_have_count(1)
    await expect(problem).to_contain_text("credit_code")
    await expect(problem.locator("td").first).to_have_text("3")
    listing = await gateway.get(
        "/api/institutions/institutions",
        params={"q": good["credit_code"]},
        headers=bearer("edu_officer"),
    )
    assert listing.json()["count"] == 0, "a rejected file imports nothing"
