"""A report typed without a connection is kept on the phone and reaches the platform once,
even when the reply to its first sending is lost on the way back."""

from __future__ import annotations

from playwright.async_api import Route, expect

from tests.browser.conftest import logged_in, new_context, screenshot
from tests.browser.pages import fill_report
from tests.browser.records import incident_described, registered
from tests.support.tokens import bearer
from tests.support.waiting import eventually

REPORTS = "**/api/patrol/incidents"


async def test_an_offline_report_is_sent_exactly_once_when_the_connection_returns(
    browser, console, gateway, run_id
):
    institution = await registered(gateway, f"离线学堂{run_id}")
    context = await new_context(browser, phone=True)
    grid = await logged_in(context, console, "grid_dongtang")
    description = f"地下室有培训班，信号差，离线上报 {run_id}"
    await fill_report(grid, description=description, institution=institution["name"])

    await context.set_offline(True)
    await grid.get_by_role("button", name="上 报").click()
    waiting = grid.get_by_test_id("offline-queue")
    await expect(waiting).to_contain_text("1 条上报等待联网发送")
    await screenshot(grid, "grid-offline-report")
    assert await incident_described(gateway, description) == []

    # Back online, the first sending reaches the platform but its reply is lost on the way.
    answered: list[int] = []

    async def lose_the_reply(route: Route) -> None:
        answered.append((await route.fetch()).status)
        await route.abort("connectionreset")

    await grid.route(REPORTS, lose_the_reply)
    await context.set_offline(False)
    await eventually(lambda: _truthy(answered), what="the first sending to reach the platform")
    assert answered == [201]
    await expect(waiting).to_contain_text("1 条上报等待联网发送")

    # The phone tries again (here: the worker opens the page again) with the report's own key.
    await grid.unroute(REPORTS)
    await grid.reload()
    await expect(grid.get_by_text("已发送 1 条离线上报")).to_be_visible()
    await expect(waiting).to_have_count(0)
    (incident,) = await incident_described(gateway, description)
    photos = await gateway.get(
        f"/api/patrol/incidents/{incident['incident_id']}/photos", headers=bearer("grid_dongtang")
    )
    assert photos.json()["count"] == 1


async def _truthy(values: list[int]) -> bool:
    return bool(values)
