"""Time and memory of the case list's export (`GET /cases/export`) over 100,000 cases.

`.venv/bin/python -m benchmarks.case_export [--cases N] [--database-url URL]` fills a fresh
enforcement database (a temporary SQLite file unless a URL is given) with N cases (default
100,000; every third also called onto a second department, every seventh overdue), in a child
process so that the filling's memory is not counted, then exports them through the real app
and routes (TestClient, the SQL unit of work, a fake token verifier) as .xlsx and then as
CSV, reading the streamed answer chunk by chunk. Prints seconds, the file's size, and the
process's peak RSS before and after each export (ru_maxrss: a high-water mark).
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlmodel import Session, insert

from contracts.vocabulary import Department, IncidentType
from enforcement.app import SCHEMA, create_app
from enforcement.settings import EnforcementSettings
from enforcement.store.repository import SqlEnforcementRepository
from enforcement.store.tables import Case, DepartmentTask
from govkit.db import create_db_engine
from govkit.migrations import upgrade_to_head
from govkit.uow import SqlUnitOfWork
from tests.fast.support import FakeVerifier, bearer

BATCH = 5_000
START = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
TYPES = list(IncidentType)


def fill(database_url: str, cases: int) -> None:
    engine = create_db_engine(database_url)
    upgrade_to_head(engine, "enforcement", SCHEMA)
    with Session(engine) as session:
        for first in range(0, cases, BATCH):
            numbers = range(first, min(first + BATCH, cases))
            session.execute(insert(Case), [_case(n).model_dump() for n in numbers])
            tasks = [_task(n, Department.EDUCATION) for n in numbers]
            tasks += [_task(n, Department.MARKET_SUPERVISION) for n in numbers if n % 3 == 0]
            session.execute(insert(DepartmentTask), [task.model_dump() for task in tasks])
            session.commit()


def _case(n: int) -> Case:
    return Case(
        case_id=f"bench-{n:06d}",
        incident_id=f"bench-{n:06d}",
        incident_type=TYPES[n % len(TYPES)].value,
        summary=f"【基准】第{n}号案件",
        district="yuhua",
        township=("dongtang", "guitang")[n % 2],
        grid="dongtang-01",
        opened_at=START + timedelta(minutes=n),
        reporter="grid_dongtang",
        reported_at=START + timedelta(minutes=n - 2),
        institution_name=f"启航学堂{n}" if n % 50 else '=HYPERLINK("x")',
        institution_address=f"雨花区劳动东路{n}号",
    )


def _task(n: int, department: Department) -> DepartmentTask:
    at = START + timedelta(minutes=n)
    late = n % 7 == 0
    return DepartmentTask(
        task_id=f"bench-{n:06d}:{department}",
        case_id=f"bench-{n:06d}",
        department=department.value,
        district="yuhua",
        township=("dongtang", "guitang")[n % 2],
        dispatched_at=at,
        acknowledge_by=at + timedelta(minutes=30),
        status="acknowledged" if not late else "dispatched",
        handle_by=at + timedelta(days=3650),
    )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export(client: TestClient, file_format: str) -> tuple[float, int]:
    started = time.perf_counter()
    size = 0
    with client.stream(
        "GET", f"/cases/export?format={file_format}", headers=bearer("district_yuhua")
    ) as reply:
        reply.raise_for_status()
        for chunk in reply.iter_bytes():
            size += len(chunk)
    return time.perf_counter() - started, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = args.database_url or f"sqlite:///{Path(directory) / 'enforcement.db'}"
        started = time.perf_counter()
        child = multiprocessing.get_context("spawn").Process(target=fill, args=(url, args.cases))
        child.start()
        child.join()
        print(f"filled {args.cases} cases in {time.perf_counter() - started:.1f} s")
        engine = create_db_engine(url)
        settings = EnforcementSettings(
            database_url=url, topic_prefix="bench.", otel_exporter="none"
        )

        def unit_of_work() -> SqlUnitOfWork:
            return SqlUnitOfWork(
                lambda: Session(engine, expire_on_commit=False),
                SqlEnforcementRepository,
                source="/benchmarks",
            )

        app = create_app(settings, unit_of_work=unit_of_work, token_verifier=FakeVerifier())
        client = TestClient(app)
        for file_format in ("xlsx", "csv"):
            before = peak_rss_mb()
            seconds, size = export(client, file_format)
            print(
                f"{file_format}: {seconds:.1f} s, {size / 1e6:.1f} MB, "
                f"peak RSS {before:.0f} MB before, {peak_rss_mb():.0f} MB after"
            )


if __name__ == "__main__":
    main()
