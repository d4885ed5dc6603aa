"""The bank feed's rules: a batch checked whole, and the ledger's liability and cover ratio."""

from __future__ import annotations

from datetime import date

import pytest

from risk.domain.ledger import BankBatch, BankRow, ForeignAccounts, Ledger, checked_rows

TODAY = date(2026, 11, 23)
BANKS = {"acct-1": "changsha_bank", "acct-2": "icbc"}


def row(**changes) -> dict:
    good = {
        "account": "acct-1",
        "day": "2026-11-22",
        "balance_yuan": 40_000,
        "prepaid_received_yuan": 100_000,
        "lessons_delivered": 10,
        "released_yuan": 10_000,
        "refunds_yuan": 0,
    }
    return {**good, **changes}


def test_liability_is_received_minus_released_and_refunded_and_cover_is_balance_over_it():
    ledger = Ledger().after(BankRow.model_validate(row(refunds_yuan=10_000)))
    assert (ledger.liability_yuan, ledger.cover_ratio) == (80_000, 0.5)
    assert Ledger().cover_ratio is None  # nothing owed, nothing to cover


def test_flows_add_up_and_the_newest_days_balance_stands():
    newer = BankRow.model_validate(row(day="2026-11-22", balance_yuan=1))
    older = BankRow.model_validate(row(day="2026-11-21", balance_yuan=99))
    ledger = Ledger().after(newer).after(older)
    assert (ledger.prepaid_received_yuan, ledger.balance_yuan, ledger.as_of) == (
        200_000,
        1,
        date(2026, 11, 22),
    )


def test_a_bad_batch_names_every_bad_row_and_field():
    batch = BankBatch(
        batch_id="b-1",
        rows=[
            row(),
            row(balance_yuan=-1),
            row(account="nowhere"),
            row(day="2026-11-24"),
            row(),
            {"account": "acct-1"},
        ],
    )
    _, errors = checked_rows(batch, "changsha_bank", BANKS, TODAY)
    found = {(e.row, e.field) for e in errors}
    assert {(2, "balance_yuan"), (3, "account"), (4, "day"), (5, "day"), (6, "day")} <= found
    assert 1 not in {e.row for e in errors}


def test_another_banks_account_refuses_the_whole_batch():
    batch = BankBatch(batch_id="b-1", rows=[row(), row(account="acct-2")])
    with pytest.raises(ForeignAccounts, match="acct-2"):
        checked_rows(batch, "changsha_bank", BANKS, TODAY)
    with pytest.raises(ForeignAccounts):
        checked_rows(BankBatch(batch_id="b-2", rows=[row()]), None, BANKS, TODAY)
