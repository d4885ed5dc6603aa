"""Risk's repository in memory."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from govkit.fakes import fake_page
from govkit.http import PageParams
from govkit.principal import Scope
from risk.domain.board import LINKED_BY, BoardFilter
from risk.domain.scoring import Level
from risk.domain.signals import BANNED
from risk.store.tables import (
    BankBatchRecord,
    FollowedCase,
    LedgerDay,
    LevelChange,
    RiskInstitution,
    RiskSignal,
    RiskTable,
    SupervisedAccount,
)


class FakeRiskRepository:
    def __init__(self) -> None:
        self.rows: dict[type, dict[object, RiskTable]] = {}

    def _of(self, table: type) -> dict:
        return self.rows.setdefault(table, {})

    @property
    def signals_by_id(self) -> dict[str, RiskSignal]:
        return self._of(RiskSignal)

    def add(self, row: RiskTable) -> None:
        key = {
            RiskSignal: lambda r: r.signal_id,
            RiskInstitution: lambda r: r.institution_id,
            SupervisedAccount: lambda r: r.account,
            LedgerDay: lambda r: (r.account, r.day),
            BankBatchRecord: lambda r: r.batch_id,
            LevelChange: lambda r: r.change_id,
            FollowedCase: lambda r: r.case_id,
        }[type(row)](row)
        self._of(type(row))[key] = row

    def signal(self, signal_id: str) -> RiskSignal | None:
        return self._of(RiskSignal).get(signal_id)

    def signals(
        self, institution_id: str, scope: Scope, page: PageParams
    ) -> tuple[list[RiskSignal], int]:
        return fake_page(
            self._of(RiskSignal).values(),
            page,
            scope=scope,
            newest_first=lambda signal: signal.occurred_at,
            where=lambda signal: signal.institution_id == institution_id,
        )

    def signals_of(self, institution_id: str) -> list[RiskSignal]:
        return [s for s in self._of(RiskSignal).values() if s.institution_id == institution_id]

    def institution(self, institution_id: str) -> RiskInstitution | None:
        return self._of(RiskInstitution).get(institution_id)

    def institutions_by_code(self, codes: Collection[str]) -> dict[str, RiskInstitution]:
        return {
            i.credit_code: i for i in self._of(RiskInstitution).values() if i.credit_code in codes
        }

    def institution_named(self, district: str, name: str) -> RiskInstitution | None:
        return next(
            (
                i
                for i in self._of(RiskInstitution).values()
                if (i.district, i.name) == (district, name)
            ),
            None,
        )

    def board(
        self, wanted: BoardFilter, scope: Scope, page: PageParams
    ) -> tuple[list[RiskInstitution], int]:
        filters = wanted.filters()
        return fake_page(
            self._of(RiskInstitution).values(),
            page,
            scope=scope,
            newest_first=lambda i: (Level(i.level).rank, i.score),
            where=lambda i: all(getattr(i, k) == v for k, v in filters.items()),
        )

    def linked(
        self, institution: RiskInstitution, *, troubled_only: bool = False
    ) -> list[RiskInstitution]:
        def troubled(other: RiskInstitution) -> bool:
            return other.state == BANNED or (other.level == "red" and bool(other.episode_id))

        return [
            other
            for other in self._of(RiskInstitution).values()
            if other.institution_id != institution.institution_id
            and any(
                getattr(institution, name) and getattr(institution, name) == getattr(other, name)
                for name in LINKED_BY
            )
            and (not troubled_only or troubled(other))
        ]

    def accounts(self, accounts: Collection[str]) -> dict[str, SupervisedAccount]:
        return {a: row for a, row in self._of(SupervisedAccount).items() if a in accounts}

    def batch(self, batch_id: str) -> BankBatchRecord | None:
        return self._of(BankBatchRecord).get(batch_id)

    def ledger_day(self, account: str, day: date) -> LedgerDay | None:
        return self._of(LedgerDay).get((account, day))

    def levels(self, institution_id: str) -> list[LevelChange]:
        changes = [c for c in self._of(LevelChange).values() if c.institution_id == institution_id]
        return sorted(changes, key=lambda c: c.changed_at, reverse=True)

    def case(self, case_id: str) -> FollowedCase | None:
        return self._of(FollowedCase).get(case_id)
