"""The leadership cockpit in the browser: every figure on screen is the oversight API's for the
same user and filters, the overdue count opens its cases, a case its timeline, the list its
download; a district officer sees only the district, a department lead only the department."""

from __future__ import annotations

import httpx
from openpyxl import load_workbook
from playwright.async_api import Page, expect

from tests.browser.conftest import logged_in, new_context, screenshot
from tests.support.casework import act, task_of
from tests.support.reports import unlicensed_school_report
from tests.support.tokens import bearer
from tests.support.waiting import eventually

FIGURES = ["open", "closed", "overdue", "escalated", "response", "on_time", "rework"]
FIGURES += ["to_acknowledge", "to_close"]


def expected(total: dict) -> dict[str, tuple[int, int]]:
    """Each figure's (numerator, denominator) in the API's `total`, as the cockpit shows them."""
    cases = total["cases"]

    def ratio(name: str) -> tuple[int, int]:
        return total[name]["numerator"], total[name]["denominator"]

    def mean(name: str) -> tuple[int, int]:
        return total[name]["total_seconds"], total[name]["count"]

    return {
        **{key: (cases[key], cases["total"]) for key in ("open", "closed", "overdue", "escalated")},
        "response": ratio("response_rate"),
        "on_time": ratio("on_time_completion_rate"),
        "rework": ratio("rework_rate"),
        "to_acknowledge": mean("time_to_acknowledge"),
        "to_close": mean("time_to_close"),
    }


async def on_screen(page: Page) -> dict[str, tuple[int, int]]:
    shown = {}
    for key in FIGURES:
        card = page.get_by_test_id(f"figure-{key}")
        numerator = await card.get_attribute("data-numerator")
        denominator = await card.get_attribute("data-denominator")
        shown[key] = (int(numerator or -1), int(denominator or -1))
    return shown


async def metrics(gateway: httpx.AsyncClient, user: str, **filters: str) -> dict:
    reply = await gateway.get(
        "/api/oversight/metrics",
        params={"group_by": "department", **filters},
        headers=bearer(user),
    )
    assert reply.status_code == 200, reply.text
    return reply.json()


async def figures_match(page: Page, gateway: httpx.AsyncClient, user: str, **filters) -> dict:
    """Wait until the screen shows the API's figures (events may still be moving them)."""

    async def same() -> dict | None:
        api = await metrics(gateway, user, **filters)
        return api if await on_screen(page) == expected(api["total"]) else None

    return await eventually(same, timeout=30, what=f"{user}'s cockpit equal to the API")


async def cockpit(browser, console: str, user: str) -> Page:
    page = await logged_in(await new_context(browser), console, user)
    await page.goto(f"{console}/cockpit")
    await page.get_by_test_id("cockpit-figures").wait_for()
    return page


async def drill_ids(page: Page) -> list[str]:
    await expect(page.get_by_test_id("drill-list").locator(".ant-spin-spinning")).to_have_count(0)
    return await page.locator("tr.drill-case td:first-child").all_inner_texts()


async def test_the_cockpit_shows_the_oversight_figures_and_the_cases_behind_them(
    browser, console, gateway, platform, run_id, tmp_path
):
    # A school nobody at education reports for duty on (overdue), and a fire hazard handled.
    school = await act(
        gateway,
        "/api/patrol/incidents",
        "grid_dongtang",
        unlicensed_school_report(description=f"驾驶舱测试 无证办学 {run_id}"),
    )
    fire = await act(
        gateway,
        "/api/patrol/incidents",
        "grid_dongtang",
        unlicensed_school_report(incident_type="fire_hazard", description=f"消防隐患 {run_id}"),
    )
    late, handled = school["incident_id"], fire["incident_id"]
    await task_of(gateway, late, "education", "edu_officer")
    market = await task_of(gateway, late, "market_supervision", "market_officer")
    await act(gateway, f"/api/enforcement/tasks/{market['task_id']}/acknowledge", "market_officer")
    firemen = await task_of(gateway, handled, "fire_safety", "fire_officer")
    await act(gateway, f"/api/enforcement/tasks/{firemen['task_id']}/acknowledge", "fire_officer")

    async def counted_overdue() -> bool:
        missed = await gateway.get(
            "/api/enforcement/cases",
            params={"missed_deadline": "true", "limit": 200},
            headers=bearer("leader_city"),
        )
        total = (await metrics(gateway, "leader_city"))["total"]
        ids = {row["case_id"] for row in missed.json()["data"]}
        return late in ids and total["cases"]["overdue"] == len(ids)

    await eventually(
        counted_overdue,
        timeout=platform.acknowledge_within_seconds + 60,
        what="education's missed 报到 in enforcement and oversight",
    )

    leader = await cockpit(browser, console, "leader_city")
    api = await figures_match(leader, gateway, "leader_city")
    departments = leader.get_by_test_id("ranking-department").locator("tr.ranking-row")
    await expect(departments).to_have_count(api["count"])
    await leader.get_by_test_id("figure-response").hover()
    response = api["total"]["response_rate"]
    await expect(leader.locator(".ant-tooltip")).to_contain_text(
        f"{response['numerator']} / {response['denominator']}"
    )
    await screenshot(leader, "leader-cockpit")

    # The same filters on both sides: one incident type.
    await leader.get_by_test_id("filter-type").click()
    await leader.locator(".ant-select-item-option", has_text="无证办学").first.click()
    await figures_match(leader, gateway, "leader_city", incident_type="unlicensed_school")
    await leader.get_by_test_id("filter-type").locator(".ant-select-clear").click()
    api = await figures_match(leader, gateway, "leader_city")

    # The overdue count opens exactly its cases, the case its timeline.
    await leader.get_by_test_id("figure-overdue").click()
    await expect(leader.get_by_test_id("drill-title")).to_contain_text(
        f"{api['total']['cases']['overdue']} 件"
    )
    assert late in await drill_ids(leader) and handled not in await drill_ids(leader)
    async with leader.expect_download() as download:
        await leader.get_by_test_id("export-xlsx").click()
    saved = tmp_path / "cases.xlsx"
    await (await download.value).save_as(saved)
    header, *rows = load_workbook(saved, read_only=True).active.iter_rows(values_only=True)
    assert header[0] == "案件编号"
    assert len(rows) == api["total"]["cases"]["overdue"] and late in {row[0] for row in rows}
    await leader.locator("tr.drill-case a", has_text=late).click()
    await leader.wait_for_url(f"**/cases/{late}")
    await expect(leader.get_by_text("超时升级").first).to_be_visible()

    # The district office sees Yuhua only; the education lead education only.
    district = await cockpit(browser, console, "district_yuhua")
    api = await figures_match(district, gateway, "district_yuhua")
    assert api["scope"] == {"district": "yuhua"}
    districts = await district.locator("tr.drill-case td:nth-child(3)").all_inner_texts()
    assert districts and set(districts) == {"yuhua"}

    lead = await cockpit(browser, console, "edu_lead")
    api = await figures_match(lead, gateway, "edu_lead")
    assert [row["group"] for row in api["data"]] == ["education"]
    await expect(lead.get_by_test_id("ranking-department").locator("tr.ranking-row")).to_have_count(
        1
    )
    await lead.get_by_test_id("figure-open").click()
    seen = await drill_ids(lead)
    assert late in seen and handled not in seen
