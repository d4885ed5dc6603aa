"""The console in a real browser: Debian's Chromium, driven by Playwright, logging in through
Keycloak's own login page, against the whole platform of this test run.

The console's gateway listens on 127.0.0.1:8010, the one test address the local realm's
`console` client accepts as a redirect after login. Screenshots go to docs/screenshots/.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from gateway.app import create_app as create_gateway
from gateway.settings import BUILT_CONSOLE, GatewaySettings
from tests.support.platform import Platform, common, serve
from tests.support.stack import DEMO_PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CONSOLE_PORT = 8010
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1440, "height": 900}}
# 东塘街道, 长沙市雨花区: where the demo's grid dongtang-01 lies.
DONGTANG = {"latitude": 28.1098, "longitude": 113.0102}

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
async def console(platform: Platform) -> AsyncIterator[str]:
    """The platform's gateway serving the built console at the address Keycloak accepts."""
    if not (BUILT_CONSOLE / "index.html").exists():
        pytest.fail("the console is not built: run `make console` (make test does)")
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", CONSOLE_PORT)) == 0:
            pytest.fail(
                f"127.0.0.1:{CONSOLE_PORT} is taken; the browser tests need it (stop what uses it)"
            )
    settings = GatewaySettings(
        **common(platform.run_id, platform.topic_prefix),
        patrol_url=platform.patrol_url,
        enforcement_url=platform.enforcement_url,
        workflows_url=platform.workflows_url,
        institutions_url=platform.institutions_url,
        risk_url=platform.risk_url,
        oversight_url=platform.oversight_url,
        inspections_url=platform.inspections_url,
    )
    async with serve(create_gateway(settings), CONSOLE_PORT) as url:
        yield url


@pytest.fixture(scope="session")
async def browser(console: str) -> AsyncIterator[Browser]:
    """Closed before the console's gateway stops: its open /live streams end with it."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is missing: run `make browser` (make test does)")
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield chromium
        await chromium.close()


OPEN_CONTEXTS: list[BrowserContext] = []
FAILURES = Path(__file__).resolve().parents[2] / ".cache" / "browser-failures"


async def new_context(browser: Browser, *, phone: bool = False) -> BrowserContext:
    """A fresh browser profile in Beijing time, Chinese first, at phone or desktop size."""
    context = await browser.new_context(
        **(PHONE if phone else DESKTOP),
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        geolocation=DONGTANG,
        permissions=["geolocation"],
    )
    OPEN_CONTEXTS.append(context)
    return context


@pytest.fixture(autouse=True)
async def pages_kept_on_failure(request) -> AsyncIterator[None]:
    """After a failed test, every open page is photographed to .cache/browser-failures/."""
    yield
    report = getattr(request.node, "outcome_of_call", None)
    if report is not None and report.failed:
        FAILURES.mkdir(parents=True, exist_ok=True)
        for n, context in enumerate(OPEN_CONTEXTS):
            for m, page in enumerate(context.pages):
                await page.screenshot(path=FAILURES / f"{request.node.name}-{n}-{m}.png")
    while OPEN_CONTEXTS:
        await OPEN_CONTEXTS.pop().close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.outcome_of_call = report
    return report


async def logged_in(context: BrowserContext, console: str, username: str) -> Page:
    """Open the console and log in on Keycloak's page, as a person would."""
    page = await context.new_page()
    await page.goto(console)
    await page.locator("#username").fill(username)
    await page.locator("#password").fill(DEMO_PASSWORD)
    await page.locator("#kc-login").click()
    await page.get_by_test_id("live-status").wait_for()
    return page


async def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
