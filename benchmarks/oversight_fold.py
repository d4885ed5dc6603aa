"""Time oversight's consumer folding case events into its facts (and its metrics' cells).

`.venv/bin/python -m benchmarks.oversight_fold [--cases N] [--database-url URL]`: the seeded
random timelines of N cases (default 400) folded event by event as the subscriber folds them,
each event once in its own transaction with its first-delivery mark (`govkit.handlers.
handle_once` over `oversight.handlers.CASES`), into a fresh SQLite file unless a database URL
(an empty PostgreSQL database) is given. Reports the CPU and wall time per event.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import datetime, timedelta, timezone

from sqlmodel import Session

from govkit.db import create_db_engine
from govkit.handlers import handle_once
from govkit.migrations import upgrade_to_head
from govkit.uow import SqlUnitOfWork
from oversight.app import SCHEMA
from oversight.handlers import CASES
from oversight.store.repository import SqlOversightRepository
from tests.support.timelines import envelope_of, generate_timelines

START = datetime(2026, 11, 16, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/oversight.db"
        engine = create_db_engine(url)
        upgrade_to_head(engine, "oversight", SCHEMA)
        rng = random.Random(7)
        timelines = generate_timelines(
            seed=61, cases=args.cases, start=START, weeks=4, prefix="fold"
        )
        envelopes = [envelope_of(e, rng) for timeline in timelines for e in timeline.events]

        def unit_of_work() -> SqlUnitOfWork[SqlOversightRepository]:
            return SqlUnitOfWork(
                lambda: Session(engine, expire_on_commit=False),
                SqlOversightRepository,
                source="/benchmarks",
            )

        wall, cpu = time.perf_counter(), time.process_time()
        for envelope in envelopes:
            handle_once(CASES, envelope, unit_of_work())
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        engine.dispose()
    events = len(envelopes)
    print(f"{engine.dialect.name}: {events:,} events of {args.cases} cases")
    print(f"per event: {1000 * cpu / events:.2f} ms CPU, {1000 * wall / events:.2f} ms wall")


if __name__ == "__main__":
    main()
