"""The grid map in the browser: a township officer opens 地图 and the chart draws the demo grids
of 东塘 and the open case this test reported in dongtang-01 (read from the chart's own
accessible description, which ECharts writes from what it renders)."""

from __future__ import annotations

import re

from playwright.async_api import expect

from tests.browser.conftest import logged_in, new_context, screenshot
from tests.support.reports import unlicensed_school_report
from tests.support.tokens import bearer
from tests.support.waiting import eventually

DEMO_GRIDS = ("东塘第一网格", "东塘第二网格", "东塘第三网格", "东塘第四网格")


async def test_the_map_shows_the_grids_and_the_open_case_in_them(browser, console, gateway, run_id):
    name = f"地图学堂{run_id}"
    reply = await gateway.post(
        "/api/patrol/incidents",
        json=unlicensed_school_report(institution_name=name),  # at 28.1135,113.0136
        headers=bearer("grid_dongtang"),
    )
    assert reply.status_code == 201, reply.text
    incident = reply.json()
    assert incident["grid"] == "dongtang-01"

    async def open_case():
        found = await gateway.get(
            f"/api/enforcement/cases/{incident['incident_id']}", headers=bearer("township_dongtang")
        )
        return found.status_code == 200 and found.json()["status"] == "open"

    await eventually(open_case, what="the case opened")

    page = await logged_in(await new_context(browser), console, "township_dongtang")
    refused: list[str] = []
    page.on("response", lambda r: r.status >= 400 and refused.append(f"{r.status} {r.url}"))
    page.on("pageerror", lambda error: refused.append(f"page error: {error}"))
    await page.get_by_role("link", name="地图").click()
    await expect(page.get_by_text("网格地图")).to_be_visible()
    chart = page.get_by_test_id("grid-map")
    try:
        await expect(chart).to_be_visible(timeout=30000)
    finally:
        assert refused == []  # every layer the map reads is answered, and nothing breaks
    for grid in DEMO_GRIDS:
        await expect(chart).to_have_attribute("aria-label", re.compile(grid))
    await expect(chart).to_have_attribute("aria-label", re.compile(f"办理中案件.*{name}"))
    assert "圭塘" not in (await chart.get_attribute("aria-label") or "")  # another township's
    await screenshot(page, "map")
