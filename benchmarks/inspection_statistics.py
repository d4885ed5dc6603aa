"""Time the city-wide statistics table over 100,000 findings, on SQLite and on PostgreSQL.

    .venv/bin/python -m benchmarks.inspection_statistics [--findings 100000] [--runs 5]
        [--postgres postgresql+psycopg://…/postgres] [--no-postgres]

Fills a fresh SQLite file and a fresh PostgreSQL database (created and dropped here) with
generated inspections, findings, orders and escalations across 10 districts of 10 townships,
then times the real use case (`inspections.service.statistics`) as a city leader asks for it.
"""

from __future__ import annotations

import argparse
import random
import statistics as stats
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from contracts.events.inspections import UnitKind
from contracts.vocabulary import AccountabilityMeasure
from govkit.db import create_db_engine
from govkit.migrations import upgrade_to_head
from govkit.principal import Principal
from govkit.uow import SqlUnitOfWork
from inspections.app import SCHEMA
from inspections.domain.statistics import StatisticsRequest
from inspections.service.statistics import statistics
from inspections.store.repository import SqlInspectionsRepository
from inspections.store.tables import Finding, Inspection, Order, OrderEntry
from tests.support.stack import POSTGRES_URL

LEADER = Principal("leader", "leader_city", frozenset({"leader"}))
START = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
KINDS = list(UnitKind)
STATUSES = ["issued", "rectifying", "awaiting_reinspection", "closed", "closed"]


def generated(findings: int, rng: random.Random) -> dict[type, list[dict]]:
    """Inspections until `findings` findings exist; an order for each inspection with one."""
    rows: dict[type, list[dict]] = {Inspection: [], Finding: [], Order: [], OrderEntry: []}
    units = [
        (f"u{d}-{t}-{n}", rng.choice(KINDS), f"d{d}", f"d{d}-t{t}")
        for d in range(10)
        for t in range(10)
        for n in range(30)
    ]
    made = 0
    while made < findings:
        n = len(rows[Inspection])
        unit_id, kind, district, township = rng.choice(units)
        at = START + timedelta(minutes=17 * n)
        where = {
            "unit_id": unit_id,
            "unit_kind": kind.value,
            "unit_code": unit_id,
            "district": district,
            "township": township,
        }
        failed = min(rng.choice([0, 0, 1, 2, 3, 4, 6]), findings - made)
        order_id = f"o{n}" if failed else None
        rows[Inspection].append(
            {
                "inspection_id": f"i{n}",
                "kind": "routine",
                "departments": [],
                "unit_name": unit_id,
                "inspector": f"insp{rng.randrange(50)}",
                "checklist_version": "2023.1",
                "status": "completed",
                "order_id": order_id,
                "started_at": at,
                "completed_at": at,
                **where,
            }
        )
        if not failed:
            continue
        status = rng.choice(STATUSES)
        rows[Order].append(
            {
                "order_id": order_id,
                "number": f"{district}-{n:07d}",
                "inspection_id": f"i{n}",
                "unit_name": unit_id,
                "inspector": "insp",
                "severity": "normal",
                "requirements": "整改",
                "status": status,
                "deadline": at + timedelta(days=14),
                "issued_at": at,
                **where,
            }
        )
        for k in range(failed):
            rows[Finding].append(
                {
                    "finding_id": f"f{made + k}",
                    "inspection_id": f"i{n}",
                    "order_id": order_id,
                    "item_no": 15 + (k * 3 + n) % 11,
                    "item": "检查项",
                    "severity": "normal",
                    "note": "问题",
                    "photos": [],
                    "found_at": at,
                    "rectified_at": at + timedelta(days=7) if status == "closed" else None,
                    **where,
                }
            )
        made += failed
        if status != "closed":
            for level, rung in enumerate(
                list(AccountabilityMeasure)[: rng.choice([0, 0, 0, 1, 2])], 1
            ):
                rows[OrderEntry].append(
                    {
                        "entry_id": f"e{n}-{level}",
                        "order_id": order_id,
                        "kind": "escalation",
                        "by": "workflow",
                        "at": at + timedelta(days=15 + level),
                        "files": [],
                        "rung": rung.value,
                        "level": level,
                        **where,
                    }
                )
    return rows


def fill(engine: Engine, rows: dict[type, list[dict]]) -> None:
    upgrade_to_head(engine, "inspections", SCHEMA)
    with Session(engine) as session:
        for table, values in rows.items():
            for first in range(0, len(values), 5000):
                session.execute(insert(table), values[first : first + 5000])
        session.commit()


def timed(engine: Engine, runs: int) -> list[float]:
    uow = SqlUnitOfWork(
        lambda: Session(engine, expire_on_commit=False),
        SqlInspectionsRepository,
        source="/benchmarks",
    )
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        table = statistics(StatisticsRequest(), LEADER, uow)
        seconds.append(time.perf_counter() - started)
    assert all(row.balanced() for row in [*table.rows, table.total])
    print(
        f"    table: {len(table.rows)} districts, {table.total.problems_found.total} problems found"
    )
    return seconds


@contextmanager
def sqlite() -> Iterator[Engine]:
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_db_engine(f"sqlite:///{scratch}/bench.db")
        yield engine
        engine.dispose()


@contextmanager
def postgresql(url: str) -> Iterator[Engine]:
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_db_engine(url.rsplit("/", 1)[0] + f"/{name}")
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", default=POSTGRES_URL)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    rows = generated(args.findings, random.Random(9))
    print(
        f"generated {len(rows[Inspection])} inspections, {len(rows[Finding])} findings, "
        f"{len(rows[Order])} orders, {len(rows[OrderEntry])} escalations"
    )
    databases = [("SQLite", sqlite())]
    if not args.no_postgres:
        databases.append(("PostgreSQL", postgresql(args.postgres)))
    for name, database in databases:
        with database as engine:
            started = time.perf_counter()
            fill(engine, rows)
            print(f"{name}: filled in {time.perf_counter() - started:.1f} s")
            seconds = timed(engine, args.runs)
            print(
                f"{name}: city-wide table in {stats.median(seconds) * 1000:.0f} ms median, "
                f"{min(seconds) * 1000:.0f} ms best of {args.runs}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
