"""Load time of the leadership cockpit with 100,000 cases in oversight's read model, in Chromium.

`.venv/bin/python -m benchmarks.cockpit [--cases N] [--runs R]` needs the stack up (Kafka,
Keycloak) and the console built (`make console`). It fills a fresh oversight database (SQLite)
with N cases (default 100,000) through the consumer's repository, as the consumer writes them
(fact rows and the metrics' cells): one to three department tasks each over Yuhua's 13
townships and the 11 departments, dispatched over the 52 weeks up to now;
older cases closed, some acknowledged late, fed back late, sent back, escalated, with
accountability measures. It serves oversight, an enforcement with an empty database (the
drill-down's case list) and a gateway with the built console on 127.0.0.1:8010, logs in as
leader_city on Keycloak's page, then opens /cockpit R times (default 5) and reports, from the
navigation's start, the moment every figure card, both rankings, the ladder and the weekly
trend are on screen: median and max. It also times the three metrics requests the page makes,
one after another. Every server runs in this one process (`benchmarks.console_servers`).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from playwright.async_api import async_playwright
from sqlmodel import Session

from benchmarks.console_servers import CONSOLE, CONSOLE_PORT, KAFKA, logged_in, serving
from contracts.vocabulary import Department, IncidentType
from enforcement.app import create_app as create_enforcement
from enforcement.settings import EnforcementSettings
from gateway.app import create_app as create_gateway
from gateway.settings import GatewaySettings
from govkit.db import create_db_engine
from govkit.migrations import upgrade_to_head
from govkit.topics import ensure_topics
from oversight.app import SCHEMA
from oversight.app import create_app as create_oversight
from oversight.domain.facts import CaseFacts, EndState, Facts, Rating, TaskFacts, iso_week
from oversight.settings import OversightSettings
from oversight.store.repository import SqlOversightRepository
from tests.support.tokens import bearer

OVERSIGHT_PORT, ENFORCEMENT_PORT = 8018, 8019
BATCH = 5_000
TOWNSHIPS = ["dongtang", "guitang", "zuojiatang", "jingang", "gaoqiao", "shazitang", "dongshan"]
TOWNSHIPS += ["tongsheng", "yuhuating", "houjiatang", "hongshan", "jiaoyuan", "tianxin"]
DEPARTMENTS = list(Department)
TYPES = list(IncidentType)
RATINGS = [Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.DISSATISFIED, Rating.NOT_RATED]


def case_facts(
    n: int, cases: int, now: datetime, rng: random.Random
) -> tuple[CaseFacts, list[TaskFacts]]:
    opened = now - timedelta(minutes=n * 364 * 24 * 60 // cases)
    closed = opened + timedelta(hours=rng.randint(2, 200))
    closed_at = closed if closed < now - timedelta(days=3) else None
    case = CaseFacts(
        case_id=f"bench-{n:06d}",
        district="yuhua",
        township=TOWNSHIPS[n % len(TOWNSHIPS)],
        opened_at=opened,
        closed_at=closed_at,
        solved=closed_at is not None and rng.random() < 0.9,
        rating=rng.choice(RATINGS) if closed_at is not None and rng.random() < 0.7 else None,
    )
    tasks = []
    for department in rng.sample(DEPARTMENTS, rng.randint(1, 3)):
        late = rng.random() < 0.15
        acknowledged = opened + timedelta(minutes=rng.randint(5, 25) + (40 if late else 0))
        fed_back = acknowledged + timedelta(hours=rng.randint(1, 30))
        level = rng.choice([1, 1, 2, 3]) if late else 0
        tasks.append(
            TaskFacts(
                task_id=f"{case.case_id}:{department}",
                case_id=case.case_id,
                department=department.value,
                district=case.district,
                township=case.township,
                week=iso_week(opened),
                dispatched_at=opened,
                acknowledge_by=opened + timedelta(minutes=30),
                handle_by=opened + timedelta(hours=24),
                acknowledged_at=acknowledged,
                acknowledged_on_time=not late,
                fed_back_at=fed_back if fed_back < now else None,
                fed_back_on_time=fed_back <= opened + timedelta(hours=24)
                if fed_back < now
                else None,
                rework_count=int(rng.random() < 0.05),
                escalations=level,
                max_escalation_level=level,
                end_state=EndState.CLOSED if closed_at is not None else EndState.OPEN,
                incident_type=TYPES[n % len(TYPES)].value,
                top_escalation_level=level,
                supervision_notices=int(late and rng.random() < 0.3),
                public_notices=int(late and rng.random() < 0.05),
            )
        )
    return case, tasks


def fill(database_url: str, cases: int) -> int:
    engine = create_db_engine(database_url)
    upgrade_to_head(engine, "oversight", SCHEMA)
    rng, now, tasks_written = random.Random(7), datetime.now(UTC), 0
    with Session(engine) as session:
        repository = SqlOversightRepository(session)
        for first in range(0, cases, BATCH):
            for number in range(first, min(first + BATCH, cases)):
                case, tasks = case_facts(number, cases, now, rng)
                # as the consumer writes a case: its rows and its metrics' cells
                repository.save(Facts(), Facts(case, {task.task_id: task for task in tasks}))
                tasks_written += len(tasks)
            session.commit()
    return tasks_written


RENDERED = (
    "[data-testid=cockpit-figures]",
    "[data-testid=ranking-department] tr.ranking-row",
    "[data-testid=ranking-township] tr.ranking-row",
    "[data-testid=ladder] tbody tr",
    "[data-testid=cockpit-trend] canvas",
)


async def measure(cases: int, runs: int) -> None:
    data = Path(tempfile.mkdtemp(prefix="cockpit-bench-"))
    oversight_url = f"sqlite:///{data}/oversight.db"
    started = time.perf_counter()
    tasks = fill(oversight_url, cases)
    print(f"filled {cases} cases, {tasks} tasks in {time.perf_counter() - started:.0f} s")
    prefix = f"bench-{uuid.uuid4().hex[:8]}."
    ensure_topics(KAFKA, prefix=prefix)
    # Groups of their own, so a stack running on this machine never rebalances for them.
    oversight = create_oversight(
        OversightSettings(
            database_url=oversight_url,
            consumer_group=f"{prefix}oversight",
            topic_prefix=prefix,
            otel_exporter="none",
        )
    )
    enforcement = create_enforcement(
        EnforcementSettings(
            database_url=f"sqlite:///{data}/enforcement.db",
            consumer_group=f"{prefix}enforcement",
            topic_prefix=prefix,
            otel_exporter="none",
        )
    )
    gateway = create_gateway(
        GatewaySettings(
            oversight_url=f"http://127.0.0.1:{OVERSIGHT_PORT}",
            enforcement_url=f"http://127.0.0.1:{ENFORCEMENT_PORT}",
            topic_prefix=prefix,
            otel_exporter="none",
        )
    )
    apps = {OVERSIGHT_PORT: oversight, ENFORCEMENT_PORT: enforcement, CONSOLE_PORT: gateway}
    rendered: list[float] = []
    async with serving(apps), async_playwright() as playwright:
        browser, page = await logged_in(playwright, "leader_city")
        for _ in range(runs):
            await page.goto(f"{CONSOLE}/cockpit")
            for selector in RENDERED:
                await page.locator(selector).first.wait_for(timeout=300_000)
            rendered.append(await page.evaluate("() => performance.now()"))
        await browser.close()
        print(f"cockpit with {cases} cases ({tasks} tasks), {runs} loads after login:")
        print(
            f"  every figure, ranking, the ladder and the trend on screen: "
            f"median {statistics.median(rendered):.0f} ms, max {max(rendered):.0f} ms"
        )
        for line in await time_requests(CONSOLE):
            print(line, flush=True)


async def time_requests(console: str) -> list[str]:
    """The page's three metrics requests one after another, with a password-grant token."""
    lines = []
    async with httpx.AsyncClient(base_url=console, timeout=300) as client:
        for group_by in ("department", "township", "week"):
            started = time.perf_counter()
            reply = await client.get(
                "/api/oversight/metrics",
                params={"group_by": group_by},
                headers=bearer("leader_city"),
            )
            reply.raise_for_status()
            lines.append(
                f"  GET /api/oversight/metrics?group_by={group_by}: "
                f"{(time.perf_counter() - started) * 1000:.0f} ms, {reply.json()['count']} rows"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    asyncio.run(measure(arguments.cases, arguments.runs))


if __name__ == "__main__":
    main()
