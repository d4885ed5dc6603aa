"""Time one 10,000-row bank batch through the ingest use case on SQLite (migrated schema).

`.venv/bin/python -m benchmarks.risk_ingest`: registers 10,000 institutions with a supervised
account each, then ingests one day's batch for all of them (ledger, cover-ratio signals,
rescoring, level changes and stability whistles in the outbox, one transaction).
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime

from sqlmodel import Session, create_engine

from govkit.migrations import upgrade_to_head
from govkit.principal import Principal, Role
from govkit.uow import SqlUnitOfWork
from risk.app import SCHEMA
from risk.domain.ledger import BankBatch
from risk.service.banking import ingest
from risk.store.repository import SqlRiskRepository
from risk.store.tables import RiskInstitution, SupervisedAccount

ROWS = 10_000
BANK = Principal(subject="bench", username="bench", roles=frozenset({Role.BANK}), bank="bench_bank")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/risk.db")
        upgrade_to_head(engine, "risk", SCHEMA)
        now = datetime.now(UTC)
        with Session(engine) as session:
            for n in range(ROWS):
                session.add(
                    RiskInstitution(
                        institution_id=f"i-{n}",
                        credit_code=f"C{n:017d}",
                        name=f"机构{n}",
                        category="subject",
                        district="yuhua",
                        township="dongtang",
                        grid="dongtang-01",
                    )
                )
                session.add(
                    SupervisedAccount(
                        account=f"A-{n}",
                        bank=BANK.bank or "",
                        institution_id=f"i-{n}",
                        agreed_by="bench",
                        agreed_at=now,
                    )
                )
            session.commit()
        rows = [
            {
                "account": f"A-{n}",
                "day": now.date().isoformat(),
                "balance_yuan": 40_000 if n % 10 == 0 else 90_000,
                "prepaid_received_yuan": 100_000,
                "lessons_delivered": 3,
                "released_yuan": 0,
                "refunds_yuan": 0,
            }
            for n in range(ROWS)
        ]
        uow = SqlUnitOfWork(lambda: Session(engine), SqlRiskRepository, source="/bench")
        started = time.perf_counter()
        result = ingest(BankBatch(batch_id="bench-1", rows=rows), BANK, uow)
        elapsed = time.perf_counter() - started
        print(
            f"ingested {result.rows} rows in {elapsed:.2f} s ({result.rows / elapsed:,.0f} rows/s)"
        )


if __name__ == "__main__":
    main()
