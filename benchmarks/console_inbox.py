"""Time to interactive of the department inbox with 500 tasks, in Debian's Chromium.

`.venv/bin/python -m benchmarks.console_inbox [--tasks N] [--runs R]` needs the stack up
(Kafka, Keycloak) and the console built (`make console`). It fills a fresh enforcement
database with N tasks (default 500) for education in Yuhua through enforcement's own use case,
serves enforcement and a gateway with the built console on 127.0.0.1:8010, logs in as
edu_officer on Keycloak's page, then opens /inbox R times (default 5) and reports, from the
navigation's start: the first task row on screen (interactive) and the page's load event.
Also prints the gzip size of the console's JavaScript.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import statistics
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.async_api import async_playwright
from sqlmodel import Session

from benchmarks.console_servers import CONSOLE, CONSOLE_PORT, KAFKA, logged_in, serving
from contracts.events import DispatchDepartmentTask
from contracts.vocabulary import Department, IncidentType
from enforcement.app import SCHEMA
from enforcement.app import create_app as create_enforcement
from enforcement.service import whistle
from enforcement.settings import EnforcementSettings
from enforcement.store.repository import SqlEnforcementRepository
from gateway.app import create_app as create_gateway
from gateway.settings import BUILT_CONSOLE, GatewaySettings
from govkit.db import create_db_engine
from govkit.migrations import upgrade_to_head
from govkit.topics import ensure_topics
from govkit.uow import SqlUnitOfWork

ENFORCEMENT_PORT = 8019


def fill(database_url: str, tasks: int) -> None:
    engine = create_db_engine(database_url)
    upgrade_to_head(engine, "enforcement", SCHEMA)
    now = datetime.now(UTC)
    for n in range(tasks):
        case_id = f"bench-{uuid.uuid4()}"
        at = now - timedelta(minutes=n)
        command = DispatchDepartmentTask(
            task_id=f"{case_id}:education",
            case_id=case_id,
            incident_id=case_id,
            incident_type=IncidentType.UNLICENSED_SCHOOL,
            department=Department.EDUCATION,
            district="yuhua",
            township="dongtang",
            grid="dongtang-01",
            summary="【基准】无证办学",
            acknowledge_by=at + timedelta(minutes=30),
            handle_by=at + timedelta(days=1),
        )
        uow = SqlUnitOfWork(
            lambda: Session(engine, expire_on_commit=False),
            SqlEnforcementRepository,
            source="/benchmarks",
            clock=lambda at=at: at,
        )
        with uow:
            whistle.dispatch_task(command, uow)
            uow.commit()


async def measure(tasks: int, runs: int) -> None:
    data = Path(tempfile.mkdtemp(prefix="inbox-bench-"))
    database_url = f"sqlite:///{data}/enforcement.db"
    fill(database_url, tasks)
    prefix = f"bench-{uuid.uuid4().hex[:8]}."
    ensure_topics(KAFKA, prefix=prefix)
    enforcement = create_enforcement(
        EnforcementSettings(database_url=database_url, topic_prefix=prefix, otel_exporter="none")
    )
    gateway = create_gateway(
        GatewaySettings(
            enforcement_url=f"http://127.0.0.1:{ENFORCEMENT_PORT}",
            topic_prefix=prefix,
            otel_exporter="none",
        )
    )
    interactive, loaded = [], []
    apps = {ENFORCEMENT_PORT: enforcement, CONSOLE_PORT: gateway}
    async with serving(apps), async_playwright() as playwright:
        browser, page = await logged_in(playwright, "edu_officer")
        for _ in range(runs):
            await page.goto(f"{CONSOLE}/inbox")
            await page.locator("tr.task-row").first.wait_for(timeout=60000)
            timing = await page.evaluate(
                "() => { const n = performance.getEntriesByType('navigation')[0];"
                " return [performance.now(), n.loadEventEnd]; }"
            )
            interactive.append(timing[0])
            loaded.append(timing[1])
        shown = await page.locator(".ant-pagination-total-text, .ant-pagination-item").count()
        await browser.close()
    print(f"inbox with {tasks} tasks ({shown} pager items), {runs} loads after login:")
    print(
        f"  first task row on screen: median {statistics.median(interactive):.0f} ms, "
        f"max {max(interactive):.0f} ms; load event: median {statistics.median(loaded):.0f} ms"
    )
    scripts = sorted(BUILT_CONSOLE.glob("assets/*.js"))
    size = sum(len(gzip.compress(path.read_bytes(), 9)) for path in scripts)
    print(f"  console JavaScript: {len(scripts)} files, {size / 1024:.0f} KiB gzip-compressed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    asyncio.run(measure(arguments.tasks, arguments.runs))


if __name__ == "__main__":
    main()
