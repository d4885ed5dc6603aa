"""The repository risk's use cases read and write through; SQL here, a fake in fast tests."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Protocol

from sqlalchemy import and_, case, or_
from sqlmodel import Session, col, select

from govkit.http import PageParams
from govkit.principal import Scope
from govkit.queries import page_of, within
from risk.domain.board import BoardFilter
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


class RiskRepository(Protocol):
    def add(self, row: RiskTable) -> None: ...

    def signal(self, signal_id: str) -> RiskSignal | None: ...

    def signals(
        self, institution_id: str, scope: Scope, page: PageParams
    ) -> tuple[list[RiskSignal], int]: ...

    def signals_of(self, institution_id: str) -> list[RiskSignal]: ...

    def institution(self, institution_id: str) -> RiskInstitution | None: ...

    def institutions_by_code(self, codes: Collection[str]) -> dict[str, RiskInstitution]: ...

    def institution_named(self, district: str, name: str) -> RiskInstitution | None: ...

    def board(
        self, wanted: BoardFilter, scope: Scope, page: PageParams
    ) -> tuple[list[RiskInstitution], int]: ...

    def linked(
        self, institution: RiskInstitution, *, troubled_only: bool = False
    ) -> list[RiskInstitution]:
        """Institutions sharing a legal representative, venue or fund account with this one;
        `troubled_only`: just those banned or in a red episode."""
        ...

    def accounts(self, accounts: Collection[str]) -> dict[str, SupervisedAccount]: ...

    def batch(self, batch_id: str) -> BankBatchRecord | None: ...

    def ledger_day(self, account: str, day: date) -> LedgerDay | None: ...

    def levels(self, institution_id: str) -> list[LevelChange]: ...

    def case(self, case_id: str) -> FollowedCase | None: ...


class SqlRiskRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: RiskTable) -> None:
        self._session.add(row)

    def signal(self, signal_id: str) -> RiskSignal | None:
        return self._session.get(RiskSignal, signal_id)

    def signals(
        self, institution_id: str, scope: Scope, page: PageParams
    ) -> tuple[list[RiskSignal], int]:
        query = within(select(RiskSignal), RiskSignal, scope).where(
            RiskSignal.institution_id == institution_id
        )
        return page_of(self._session, query, col(RiskSignal.occurred_at).desc(), page)

    def signals_of(self, institution_id: str) -> list[RiskSignal]:
        self._session.flush()
        query = select(RiskSignal).where(RiskSignal.institution_id == institution_id)
        return list(self._session.exec(query).all())

    def institution(self, institution_id: str) -> RiskInstitution | None:
        return self._session.get(RiskInstitution, institution_id)

    def institutions_by_code(self, codes: Collection[str]) -> dict[str, RiskInstitution]:
        query = select(RiskInstitution).where(col(RiskInstitution.credit_code).in_(list(codes)))
        return {row.credit_code: row for row in self._session.exec(query).all()}

    def institution_named(self, district: str, name: str) -> RiskInstitution | None:
        query = select(RiskInstitution).where(
            RiskInstitution.district == district, RiskInstitution.name == name
        )
        return self._session.exec(query).first()

    def board(
        self, wanted: BoardFilter, scope: Scope, page: PageParams
    ) -> tuple[list[RiskInstitution], int]:
        query = within(select(RiskInstitution), RiskInstitution, scope)
        for column, value in wanted.filters().items():
            query = query.where(getattr(RiskInstitution, column) == value)
        # Red first, then yellow: a hard rule (cover ratio) can make a low score red.
        level_rank = case(
            *((col(RiskInstitution.level) == level.value, level.rank) for level in Level), else_=0
        )
        order = (
            level_rank.desc(),
            col(RiskInstitution.score).desc(),
            col(RiskInstitution.institution_id).asc(),
        )
        return page_of(self._session, query, order, page)

    def linked(
        self, institution: RiskInstitution, *, troubled_only: bool = False
    ) -> list[RiskInstitution]:
        shared = [
            getattr(RiskInstitution, name) == value
            for name in ("legal_representative", "address", "fund_account")
            if (value := getattr(institution, name))
        ]
        if not shared:
            return []
        query = select(RiskInstitution).where(
            or_(*shared), RiskInstitution.institution_id != institution.institution_id
        )
        if troubled_only:
            # A big building shares one address among many: read only the few that matter.
            query = query.where(
                or_(
                    col(RiskInstitution.state) == BANNED,
                    and_(
                        col(RiskInstitution.level) == Level.RED.value,
                        col(RiskInstitution.episode_id).is_not(None),
                    ),
                )
            )
        return list(self._session.exec(query).all())

    def accounts(self, accounts: Collection[str]) -> dict[str, SupervisedAccount]:
        query = select(SupervisedAccount).where(col(SupervisedAccount.account).in_(list(accounts)))
        return {row.account: row for row in self._session.exec(query).all()}

    def batch(self, batch_id: str) -> BankBatchRecord | None:
        return self._session.get(BankBatchRecord, batch_id)

    def ledger_day(self, account: str, day: date) -> LedgerDay | None:
        return self._session.get(LedgerDay, (account, day))

    def levels(self, institution_id: str) -> list[LevelChange]:
        query = (
            select(LevelChange)
            .where(LevelChange.institution_id == institution_id)
            .order_by(col(LevelChange.changed_at).desc())
        )
        return list(self._session.exec(query).all())

    def case(self, case_id: str) -> FollowedCase | None:
        return self._session.get(FollowedCase, case_id)
