"""A report from the street to its closure, done in the console as the people who do it would:
the grid worker on a phone, each routed department in its inbox, the township on its board."""

from __future__ import annotations

import time

from playwright.async_api import Page, expect

from tests.browser.conftest import logged_in, new_context, screenshot
from tests.browser.pages import act_on_task, choose, confirm, fill_report, task_row
from tests.browser.records import incident_described, registered
from tests.support.tokens import bearer
from tests.support.waiting import eventually

ROUTED = {"edu_officer": "education", "market_officer": "market_supervision"}
# Live events reach an open inbox well within this; the test reports the time it measured.
ARRIVAL_SECONDS = 60


async def open_inbox(browser, console: str, officer: str) -> Page:
    page = await logged_in(await new_context(browser), console, officer)
    await page.goto(f"{console}/inbox")
    await page.get_by_text("部门待办").first.wait_for()
    return page


async def test_a_report_is_dispatched_handled_and_closed_in_the_browser(
    browser, console, gateway, run_id
):
    institution = await registered(gateway, f"启航学堂{run_id}")
    # Weekend maths for a subject institution breaks a rule: the grid gets it as a lead.
    weekend = await registered(
        gateway, f"周末补习班{run_id}", courses="初中数学@sat 09:00-11:00 term"
    )
    inboxes = {officer: await open_inbox(browser, console, officer) for officer in ROUTED}
    bystander = await open_inbox(browser, console, "fire_officer")

    grid = await logged_in(await new_context(browser, phone=True), console, "grid_dongtang")
    description = f"周末有学生进出，疑似无证办学 {run_id}"
    await fill_report(grid, description=description, institution=institution["name"])
    await screenshot(grid, "grid-report")
    await grid.get_by_role("button", name="上 报").click()
    await grid.wait_for_url("**/reports**")
    reported_at = time.monotonic()
    (incident,) = await eventually(
        lambda: incident_described(gateway, description), what="the report in patrol"
    )
    case_id = incident["incident_id"]
    assert incident["institution_id"] == institution["institution_id"]
    await screenshot(grid, "grid-my-reports")

    for officer, page in inboxes.items():
        await expect(task_row(page, case_id)).to_be_visible(timeout=ARRIVAL_SECONDS * 1000)
        print(
            f"{officer}: the task appeared {time.monotonic() - reported_at:.1f}s after the report"
        )
    await screenshot(inboxes["edu_officer"], "department-inbox")

    for page in inboxes.values():
        await act_on_task(page, case_id, "报 到")
        await confirm(page)
        await expect(task_row(page, case_id)).to_have_count(0)
        await page.get_by_text("处置中").click()
        await act_on_task(page, case_id, "处置反馈")
        await choose(page, "outcome", "责令整改")
        await page.locator("#note").fill("已现场检查，责令停止违规培训并限期整改")
        await confirm(page)

    fire_tasks = await gateway.get(
        "/api/enforcement/tasks", params={"case_id": case_id}, headers=bearer("fire_officer")
    )
    assert fire_tasks.json()["count"] == 0
    for tab in ("待报到", "处置中", "已反馈"):
        await bystander.get_by_text(tab).click()
        await expect(task_row(bystander, case_id)).to_have_count(0)

    township = await logged_in(await new_context(browser), console, "township_dongtang")
    await township.goto(f"{console}/board")
    await township.get_by_test_id("board-verify").click()
    await expect(task_row(township, case_id).first).to_be_visible()
    await screenshot(township, "township-board")
    await task_row(township, case_id).first.get_by_role("link", name=case_id).click()
    await expect(township.get_by_test_id("timeline-entry").first).to_have_attribute(
        "data-type", "IncidentReported"
    )
    await expect(township.get_by_test_id("photos").locator("img")).to_have_count(1)
    await screenshot(township, "case-page")
    await township.get_by_role("button", name="核验办结").click()
    await confirm(township)
    await expect(township.get_by_test_id("case-status")).to_have_text("已办结")

    await grid.goto(f"{console}/reports")
    report = grid.get_by_test_id(f"report-{case_id}")
    await expect(report.get_by_test_id("report-status")).to_have_text("已办结", timeout=30000)
    await screenshot(grid, "grid-report-closed")

    await grid.goto(f"{console}/leads")
    await expect(grid.get_by_text(weekend["name"]).first).to_be_visible(timeout=30000)
    await screenshot(grid, "grid-leads")
