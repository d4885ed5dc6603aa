"""What the console benchmarks share: services and a gateway served in this one process on
127.0.0.1, and Debian's Chromium logged in on Keycloak's page as one of the demo users."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Mapping

from fastapi import FastAPI
from playwright.async_api import Browser, Page, Playwright

from tests.support.platform import serve

CONSOLE_PORT = 8010
CONSOLE = f"http://127.0.0.1:{CONSOLE_PORT}"
KAFKA = os.environ.get("GOV_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
PASSWORD = "demo"  # the local realm's demo users


@contextlib.asynccontextmanager
async def serving(apps: Mapping[int, FastAPI]) -> AsyncIterator[None]:
    """Each app on its port while the block runs (the gateway's on CONSOLE_PORT), served as the
    in-process test platform serves its services."""
    async with contextlib.AsyncExitStack() as servers:
        for port, app in apps.items():
            await servers.enter_async_context(serve(app, port))
        yield


async def logged_in(playwright: Playwright, user: str) -> tuple[Browser, Page]:
    """Chromium on the console, past Keycloak's login as `user`, once the console is live."""
    browser = await playwright.chromium.launch(
        executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
    )
    page = await (await browser.new_context(viewport={"width": 1440, "height": 900})).new_page()
    await page.goto(CONSOLE)
    await page.locator("#username").fill(user)
    await page.locator("#password").fill(PASSWORD)
    await page.locator("#kc-login").click()
    await page.get_by_test_id("live-status").wait_for()
    return browser, page
