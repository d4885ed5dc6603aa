"""Time the leadership queries over 10 million department tasks on PostgreSQL.

    .venv/bin/python -m benchmarks.leadership_queries [--tasks 10000000] [--runs 20]
        [--postgres postgresql+psycopg://…/postgres] [--keep] [--reuse] [--only REGEX]

Fills two fresh PostgreSQL databases, one per service, with server-side `INSERT … SELECT` from
`generate_series` (no rows cross the wire): oversight's task and case facts, and enforcement's
department tasks and cases, 2.5 tasks per case on average, over 10 districts × 10 townships,
the 11 departments and the 11 incident types, dispatched evenly over the 3 years up to now.
Older cases are closed (a few re-opened, rated or not, solved or not); the last 30 days are
still open, and some tasks there are past their 报到 or 处置 deadline (overdue) or escalated.
The rows are written at the revisions `FILLED_AT` names; then each database is upgraded to
its newest revision, which runs every later migration (new indexes, rollup backfills) over
the filled rows, timed. After `VACUUM ANALYZE` each query runs through the services' own use
cases (`oversight.service.metrics`, `enforcement.service.cases.cases`, and the export's keyset
page `cases_after`) once to warm up, then `--runs` times; p50, p95 and max are printed.

The databases are dropped at the end unless `--keep`; `--reuse` times an existing pair
again (after upgrading it), so a change can be measured against the same rows.
Filling 10 M tasks took 19 minutes on 2 busy shared cores; the pair takes about 11 GB of disk.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from contracts.vocabulary import Department, IncidentType
from enforcement.app import SCHEMA as ENFORCEMENT_SCHEMA
from enforcement.domain.filters import CaseFilters
from enforcement.service import cases
from enforcement.store.repository import SqlEnforcementRepository
from govkit.db import create_db_engine
from govkit.http import PageParams
from govkit.migrations import upgrade_to, upgrade_to_head
from govkit.principal import Principal, Role, task_scope
from govkit.uow import SqlUnitOfWork
from oversight import service
from oversight.app import SCHEMA as OVERSIGHT_SCHEMA
from oversight.domain.facts import iso_week
from oversight.domain.metrics import GroupBy
from oversight.domain.query import MetricsQuery
from oversight.store.repository import SqlOversightRepository
from tests.support.stack import POSTGRES_URL

DATABASES = {
    "oversight": "bench_leadership_oversight",
    "enforcement": "bench_leadership_enforcement",
}
FILLED_AT = {"oversight": "oversight_0005", "enforcement": "enforcement_0004"}
"""The schema the rows are written in: what the services had before the queries were scaled
(oversight's before its cells; its earlier migrations were timed over filled rows before)."""
SCHEMAS = {"oversight": OVERSIGHT_SCHEMA, "enforcement": ENFORCEMENT_SCHEMA}
CHUNK = 1_000_000
DEPARTMENTS = [d.value for d in Department]
TYPES = [t.value for t in IncidentType]

# One case for every 2.5 tasks: task g belongs to case c = 2g/5 as its k-th task (k = 0, 1, 2),
# and each case's tasks go to different departments. Case c opens at `start + c·step`.
_TASK = """
    SELECT g, c, g - (c * 5 + 1) / 2 AS k, c % 10 AS d, (c / 10) % 10 AS t,
           random() AS r1, random() AS r2, random() AS r3
    FROM (SELECT g, g * 2 / 5 AS c FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) AS g) AS numbers
"""
_AT = """
    CAST(:start AS timestamptz) + c * CAST(:step AS float8) * interval '1 second'
        + k * interval '10 minutes'
        + CASE WHEN k = 2 AND c % 10 = 3 THEN interval '8 days' ELSE interval '0' END
"""
_ARRAYS = """(SELECT CAST(:departments AS text[]) AS departments,
    CAST(:types AS text[]) AS types) AS vocabulary"""
_OVERSIGHT_TASKS = f"""
INSERT INTO task_facts (task_id, case_id, department, district, township, week, dispatched_at,
    acknowledge_by, handle_by, acknowledged_at, acknowledged_on_time, fed_back_at,
    fed_back_on_time, rework_count, escalations, max_escalation_level, end_state,
    incident_type, top_escalation_level, dispatched_us, acknowledged_us)
SELECT 'T' || g, 'C' || c, departments[1 + (c * 3 + k * 4) % 11], 'district' || d,
    'district' || d || '-t' || t,
    to_char(at AT TIME ZONE 'Asia/Shanghai', 'IYYY-"W"IW'),
    at, at + interval '2 hours', at + interval '5 days',
    ack, ack <= at + interval '2 hours', fed, fed <= at + interval '5 days',
    CASE WHEN r1 < 0.05 THEN 1 ELSE 0 END,
    late_ack + late_fed, CASE WHEN late_fed = 1 THEN 2 ELSE late_ack END,
    CASE WHEN r3 > 0.97 THEN 'reassigned' WHEN r3 > 0.95 THEN 'released'
         WHEN closed THEN 'closed' ELSE 'open' END,
    CASE WHEN c % 20 <> 7 THEN types[1 + c % 11] END,
    CASE WHEN late_fed = 1 THEN 2 ELSE late_ack END,
    CAST(EXTRACT(EPOCH FROM at) * 1000000 AS bigint),
    CAST(EXTRACT(EPOCH FROM ack) * 1000000 AS bigint)
FROM ({_TASK}) AS task, {_ARRAYS},
LATERAL (SELECT {_AT} AS at) AS dispatch,
LATERAL (SELECT at < :recent AND c % 50 <> 0 AS closed,
    CASE WHEN r1 < 0.96 THEN at + r2 * interval '150 minutes' END AS ack) AS acknowledged,
LATERAL (SELECT CASE WHEN ack IS NOT NULL AND (at < :recent OR r3 < 0.5)
    THEN ack + r3 * interval '6 days' END AS fed) AS fed_back,
LATERAL (SELECT
    CASE WHEN ack IS NULL OR ack > at + interval '2 hours' THEN 1 ELSE 0 END AS late_ack,
    CASE WHEN fed > at + interval '5 days'
        OR (fed IS NULL AND at + interval '5 days' < now()) THEN 1 ELSE 0 END AS late_fed
) AS late
"""
_CASE = """
    SELECT c, c % 10 AS d, (c / 10) % 10 AS t, CAST(:start AS timestamptz) + c * CAST(:step AS float8) * interval '1 second' AS at
    FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) AS c
"""
_OVERSIGHT_CASES = f"""
INSERT INTO case_facts (case_id, district, township, opened_at, closed_at, solved, rating,
    closed_us)
SELECT 'C' || c, 'district' || d, 'district' || d || '-t' || t, at,
    CASE WHEN closed THEN at + interval '6 days' END, closed AND c % 10 <> 0,
    CASE WHEN closed AND c % 10 <> 0 THEN (ARRAY['satisfied', 'basically_satisfied',
        'satisfied', 'dissatisfied', 'not_rated', NULL])[1 + c % 6] END,
    CASE WHEN closed THEN CAST(EXTRACT(EPOCH FROM at + interval '6 days') * 1000000 AS bigint) END
FROM ({_CASE}) AS "case", LATERAL (SELECT at < :recent AND c % 50 <> 0 AS closed) AS state
"""
_ENFORCEMENT_CASES = f"""
INSERT INTO cases (case_id, incident_id, incident_type, summary, district, township, grid,
    status, opened_at, closed_at, closures, reporter, reported_at, institution_name)
SELECT 'C' || c, 'C' || c, types[1 + c % 11], '【基准】第' || c || '号案件', 'district' || d,
    'district' || d || '-t' || t, 'district' || d || '-t' || t || '-g' || c % 5,
    CASE WHEN closed THEN 'closed' ELSE 'open' END, at,
    CASE WHEN closed THEN at + interval '6 days' END, CASE WHEN closed THEN 1 ELSE 0 END,
    'grid_worker_' || c % 1000, at - interval '2 minutes', '启航学堂' || c % 100000
FROM ({_CASE}) AS "case", {_ARRAYS},
LATERAL (SELECT at < :recent AND c % 50 <> 0 AS closed) AS state
"""
_ENFORCEMENT_TASKS = f"""
INSERT INTO department_tasks (task_id, case_id, department, district, township, lead, severity,
    status, acknowledge_by, handle_by, dispatched_at, acknowledged_at, escalation_level,
    pause_state, rework_count, handled_at)
SELECT 'T' || g, 'C' || c, departments[1 + (c * 3 + k * 4) % 11], 'district' || d,
    'district' || d || '-t' || t, k = 0, 'normal', status,
    at + interval '2 hours', at + interval '5 days', at,
    CASE WHEN status <> 'dispatched' THEN at + r2 * interval '150 minutes' END,
    CASE WHEN status IN ('dispatched', 'acknowledged') AND at + interval '2 hours' < now()
        THEN 1 ELSE 0 END,
    CASE WHEN status = 'acknowledged' AND r1 < 0.02 THEN 'paused' ELSE 'none' END,
    CASE WHEN r1 < 0.05 THEN 1 ELSE 0 END,
    CASE WHEN status IN ('fed_back', 'closed') THEN at + r3 * interval '6 days' END
FROM ({_TASK}) AS task, {_ARRAYS},
LATERAL (SELECT {_AT} AS at) AS dispatch,
LATERAL (SELECT CASE WHEN r3 > 0.97 THEN 'reassigned' WHEN r3 > 0.95 THEN 'released'
    WHEN at < :recent AND c % 50 <> 0 THEN 'closed'
    WHEN r1 < 0.3 THEN 'dispatched' WHEN r1 < 0.7 THEN 'acknowledged'
    ELSE 'fed_back' END AS status) AS state
"""


def _admin(url: str) -> Engine:
    return create_engine(url, isolation_level="AUTOCOMMIT")


def _url(url: str, database: str) -> str:
    return url.rsplit("/", 1)[0] + f"/{database}"


def _fill_in_chunks(engine: Engine, sql: str, count: int, what: str, bounds: dict) -> None:
    for first in range(0, count, CHUNK):
        started = time.perf_counter()
        last = min(first + CHUNK, count) - 1
        with engine.begin() as connection:
            connection.execute(text(sql), {**bounds, "first": first, "last": last})
        print(f"  {what} {last + 1:>10,} ({time.perf_counter() - started:.0f} s)", flush=True)


def fill(url: str, tasks: int) -> None:
    """Fresh databases at `FILLED_AT`, filled with `tasks` tasks and their cases."""
    case_count = tasks * 2 // 5 + 1
    now = time.time()
    span = 3 * 365 * 86400
    bounds = {
        "start": _timestamp(now - span),
        "step": span / case_count,
        "recent": _timestamp(now - 30 * 86400),
        "departments": "{" + ",".join(DEPARTMENTS) + "}",
        "types": "{" + ",".join(TYPES) + "}",
    }
    admin = _admin(url)
    for service_name, database in DATABASES.items():
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{database}"'))
        engine = create_db_engine(_url(url, database))
        upgrade_to(engine, service_name, SCHEMAS[service_name], FILLED_AT[service_name])
        started = time.perf_counter()
        print(f"{service_name}: filling {tasks:,} tasks, {case_count:,} cases", flush=True)
        if service_name == "oversight":
            _fill_in_chunks(engine, _OVERSIGHT_CASES, case_count, "cases", bounds)
            _fill_in_chunks(engine, _OVERSIGHT_TASKS, tasks, "tasks", bounds)
        else:
            _fill_in_chunks(engine, _ENFORCEMENT_CASES, case_count, "cases", bounds)
            _fill_in_chunks(engine, _ENFORCEMENT_TASKS, tasks, "tasks", bounds)
        print(f"{service_name}: filled in {time.perf_counter() - started:.0f} s", flush=True)
        engine.dispose()
    admin.dispose()


def _timestamp(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def upgrade_and_analyze(url: str) -> dict[str, Engine]:
    """Each database at its newest revision (later migrations timed), then VACUUM ANALYZE."""
    engines = {}
    for service_name, database in DATABASES.items():
        engine = create_db_engine(_url(url, database))
        started = time.perf_counter()
        upgrade_to_head(engine, service_name, SCHEMAS[service_name])
        print(f"{service_name}: upgraded to head in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
            sizes = connection.execute(
                text("SELECT pg_size_pretty(pg_database_size(current_database()))")
            ).scalar()
        print(f"{service_name}: VACUUM ANALYZE in {time.perf_counter() - started:.0f} s, {sizes}")
        engines[service_name] = engine
    return engines


def _person(role: Role, **where: str) -> Principal:
    return Principal(subject=role, username=role, roles=frozenset({role}), **where)


LEADER = _person(Role.LEADER)
DISTRICT = _person(Role.DISTRICT_OFFICER, district="district3")
TOWNSHIP = _person(Role.TOWNSHIP_OFFICER, district="district3", township="district3-t4")
EDUCATION_LEAD = _person(Role.DEPARTMENT_LEAD, district="district3", department="education")


@dataclass(frozen=True)
class Query:
    name: str
    run: Callable[[], object]


def queries(engines: dict[str, Engine]) -> list[Query]:
    def uow(service_name: str, repository) -> SqlUnitOfWork:
        engine = engines[service_name]
        return SqlUnitOfWork(
            lambda: Session(engine, expire_on_commit=False), repository, source="/benchmarks"
        )

    def metrics(viewer: Principal, **query) -> Callable[[], object]:
        request = MetricsQuery(**query)
        return lambda: service.metrics(request, viewer, uow("oversight", SqlOversightRepository))

    def case_page(reader: Principal, **filters) -> Callable[[], object]:
        wanted = CaseFilters(**filters)
        page = PageParams(offset=0, limit=50)
        return lambda: cases.cases(
            reader, wanted, page, uow("enforcement", SqlEnforcementRepository)
        )

    def export_page(reader: Principal, **filters) -> Callable[[], object]:
        wanted = CaseFilters(**filters)

        def first_page() -> object:
            with uow("enforcement", SqlEnforcementRepository) as work:
                return work.repo.cases_after(task_scope(reader), wanted, work.now, None, 500)

        return first_page

    today = date.today()
    last_quarter = {
        "from_week": iso_week_of(today - timedelta(weeks=12)),
        "to_week": iso_week_of(today),
    }
    month = {"opened_from": today - timedelta(days=60), "opened_to": today - timedelta(days=30)}
    return [
        Query("metrics city by department", metrics(LEADER, group_by=GroupBy.DEPARTMENT)),
        Query("metrics city by township", metrics(LEADER, group_by=GroupBy.TOWNSHIP)),
        Query("metrics city by week", metrics(LEADER, group_by=GroupBy.WEEK)),
        Query("metrics city by week, 12 weeks", metrics(LEADER, group_by="week", **last_quarter)),
        Query(
            "metrics city, one incident type by township",
            metrics(LEADER, group_by="township", incident_type="fire_hazard"),
        ),
        Query(
            "metrics city, one district by dept",
            metrics(LEADER, group_by="department", district="district3"),
        ),
        Query("metrics district by township", metrics(DISTRICT, group_by=GroupBy.TOWNSHIP)),
        Query(
            "metrics district, one month opened, by township",
            metrics(DISTRICT, group_by=GroupBy.TOWNSHIP, **month),
        ),
        Query("metrics township by week", metrics(TOWNSHIP, group_by=GroupBy.WEEK)),
        Query("metrics department lead by week", metrics(EDUCATION_LEAD, group_by="week")),
        Query("cases city, first page", case_page(LEADER)),
        Query("cases city, overdue first page", case_page(LEADER, overdue=True)),
        Query("cases district, first page", case_page(DISTRICT)),
        Query("cases district, overdue first page", case_page(DISTRICT, overdue=True)),
        Query("cases township, first page", case_page(TOWNSHIP)),
        Query("cases department lead, first page", case_page(EDUCATION_LEAD)),
        Query("cases city, one department", case_page(LEADER, department="fire_safety")),
        Query("cases city, one month opened", case_page(LEADER, **month)),
        Query("cases city, export keyset page of 500", export_page(LEADER)),
        Query("cases district, overdue export page", export_page(DISTRICT, overdue=True)),
    ]


def iso_week_of(day: date) -> str:
    return iso_week(datetime.combine(day, clock(12), UTC))


def timed(query: Query, runs: int) -> list[float]:
    query.run()  # warm-up, not counted
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        query.run()
        seconds.append(time.perf_counter() - started)
    return seconds


def report(query: Query, seconds: list[float]) -> None:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"| {query.name} | {statistics.median(ordered) * 1000:.0f} | {p95 * 1000:.0f} "
        f"| {ordered[-1] * 1000:.0f} |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--postgres", default=POSTGRES_URL)
    parser.add_argument("--keep", action="store_true", help="keep the databases at the end")
    parser.add_argument("--reuse", action="store_true", help="time the databases kept before")
    parser.add_argument("--only", default="", help="time only the queries matching this regex")
    args = parser.parse_args()
    if not args.reuse:
        started = time.perf_counter()
        fill(args.postgres, args.tasks)
        print(f"filled both databases in {time.perf_counter() - started:.0f} s")
    engines = upgrade_and_analyze(args.postgres)
    try:
        print(f"\n| query | p50 ms | p95 ms | max ms |   ({args.runs} runs after a warm-up)")
        print("|---|---|---|---|")
        for query in queries(engines):
            if re.search(args.only, query.name):
                report(query, timed(query, args.runs))
    finally:
        for engine in engines.values():
            engine.dispose()
        if not args.keep:
            with _admin(args.postgres).connect() as connection:
                for database in DATABASES.values():
                    connection.execute(text(f'DROP DATABASE "{database}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
