"""The bank feed: supervision agreements, a bank's daily batch, and an account's ledger."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pydantic import BaseModel

from govkit.errors import Invalid, NotAllowed, NotFound
from govkit.principal import Principal, Role
from govkit.row_errors import RowError, reported
from risk.domain.board import LedgerView
from risk.domain.ledger import BankBatch, BankRow, BatchReport, Ledger, checked_rows
from risk.domain.signals import signal_about, signal_scope
from risk.rules import scoring_rules
from risk.service import Uow
from risk.service.levels import keep, rescore
from risk.store.tables import BankBatchRecord, LedgerDay, RiskInstitution, SupervisedAccount


class BatchRejected(Invalid):
    """A batch with bad rows: nothing of it is written."""

    def __init__(self, report: BatchReport) -> None:
        super().__init__(report.detail)
        self.report = report


def rejected(errors: list[RowError]) -> BatchRejected:
    return BatchRejected(
        BatchReport(
            detail=f"批次有 {len(errors)} 处错误，未写入任何数据 (batch rejected whole: "
            f"{len(errors)} problems, nothing written)",
            **reported(errors),
        )
    )


class Agreement(BaseModel):
    credit_code: str
    bank: str


@dataclass(frozen=True)
class AgreeAccount:
    account: str
    agreement: Agreement
    by: Principal


def agree(command: AgreeAccount, uow: Uow) -> SupervisedAccount:
    """The district (or an administrator) puts an institution's account under a bank's supervision."""
    with uow:
        found = uow.repo.institutions_by_code([command.agreement.credit_code.upper()])
        institution = next(iter(found.values()), None)
        if institution is None or not signal_scope(command.by).admits(institution):
            raise NotFound(
                f"辖区内无此机构 (no institution {command.agreement.credit_code} in your area)"
            )
        existing = uow.repo.accounts([command.account]).get(command.account)
        if existing is not None and existing.institution_id != institution.institution_id:
            raise Invalid(
                f"该账户已属其他机构 (account {command.account} belongs to another institution)"
            )
        # A PUT again (or moving the account to another bank) updates the one agreement.
        account = existing or SupervisedAccount(
            account=command.account,
            bank=command.agreement.bank,
            institution_id=institution.institution_id,
            agreed_by=command.by.username,
            agreed_at=uow.now,
        )
        account.bank, account.agreed_by = command.agreement.bank, command.by.username
        account.agreed_at = uow.now
        institution.bank = account.bank
        institution.fund_account = institution.fund_account or account.account
        uow.repo.add(account)
        uow.repo.add(institution)
        uow.commit()
    return account


class Ingested(BaseModel):
    batch_id: str
    rows: int
    replayed: bool


def ingest(batch: BankBatch, bank: Principal, uow: Uow) -> Ingested:
    """A bank's daily batch, checked whole; the same batch id again changes nothing."""
    with uow:
        seen = uow.repo.batch(batch.batch_id)
        if seen is not None:
            if seen.bank != bank.bank:
                raise NotAllowed(f"批次号已被他行使用 (batch {batch.batch_id} is another bank's)")
            return Ingested(batch_id=batch.batch_id, rows=seen.rows, replayed=True)
        names = {str(raw.get("account")) for raw in batch.rows}
        accounts = uow.repo.accounts(names)
        bank_of = {name: account.bank for name, account in accounts.items()}
        rows, errors = checked_rows(batch, bank.bank, bank_of, uow.now.date())
        errors += [
            RowError(
                row=n,
                field="day",
                reason=f"该日已报送 (day already reported in batch {earlier.batch_id})",
            )
            for n, row in enumerate(rows, start=1)
            if (earlier := uow.repo.ledger_day(row.account, row.day)) is not None
        ]
        if errors:
            raise rejected(errors)
        by_institution: dict[str, list[BankRow]] = defaultdict(list)
        for row in sorted(rows, key=lambda r: r.day):
            institution_id = accounts[row.account].institution_id
            by_institution[institution_id].append(row)
            uow.repo.add(
                LedgerDay(
                    institution_id=institution_id, batch_id=batch.batch_id, **row.model_dump()
                )
            )
        for institution_id, days in by_institution.items():
            institution = uow.repo.institution(institution_id)
            if institution is not None:
                _book(institution, days, batch.batch_id, str(bank.bank), uow)
        uow.repo.add(
            BankBatchRecord(
                batch_id=batch.batch_id, bank=str(bank.bank), rows=len(rows), received_at=uow.now
            )
        )
        uow.commit()
    return Ingested(batch_id=batch.batch_id, rows=len(rows), replayed=False)


def _book(
    institution: RiskInstitution, days: list[BankRow], batch_id: str, bank: str, uow: Uow
) -> None:
    """The days into the institution's ledger; a cover ratio a hard rule watches is a signal."""
    ledger = institution.ledger()
    for day in days:
        ledger = ledger.after(day)
    institution.keep(ledger)
    ratio = ledger.cover_ratio
    if ratio is not None and ratio < scoring_rules().watched_below():
        keep(
            signal_about(
                institution,
                signal_id=f"bank:{batch_id}:{institution.institution_id}",
                source=f"/banks/{bank}",
                kind="bank.cover_ratio",
                evidence=ledger.evidence(batch_id, bank),
                occurred_at=uow.now,
                received_at=uow.now,
            ),
            uow,
        )
    rescore(institution, uow)


def ledger_view(institution: RiskInstitution) -> LedgerView:
    ledger: Ledger = institution.ledger()
    return LedgerView(
        bank=institution.bank,
        account=institution.fund_account,
        liability_yuan=ledger.liability_yuan,
        cover_ratio=ledger.cover_ratio,
        **ledger.model_dump(),
    )


def account_ledger(account: str, reader: Principal, uow: Uow) -> LedgerView:
    """A bank reads the ledger of an account it supervises, and no other."""
    with uow:
        found = uow.repo.accounts([account]).get(account)
        if found is None:
            raise NotFound(f"无此监管账户 (no supervised account {account})")
        if not reader.has_role(Role.ADMIN) and found.bank != reader.bank:
            raise NotAllowed(
                f"该账户不在本行监管 (account {account} is not supervised by your bank)"
            )
        institution = uow.repo.institution(found.institution_id)
        if institution is None:
            raise NotFound(f"无此监管账户 (no supervised account {account})")
        return ledger_view(institution)
