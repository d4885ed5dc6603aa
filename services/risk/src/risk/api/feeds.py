"""Batches in: a bank's daily supervised-account data, agencies' feeds, supervision agreements."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from govkit.auth import PrincipalDep, require_roles
from govkit.http import UowDep
from govkit.principal import Principal, Role
from risk.domain.board import LedgerView
from risk.domain.feeds import Feed, FeedBatch
from risk.domain.ledger import BankBatch, BatchReport
from risk.service import banking, feeds

router = APIRouter(tags=["feeds"])

Bank = Annotated[Principal, Depends(require_roles(Role.BANK))]
Agreer = Annotated[Principal, Depends(require_roles(Role.DISTRICT_OFFICER, Role.ADMIN))]
REJECTED: dict[int | str, dict[str, Any]] = {
    422: {"model": BatchReport, "description": "Every bad row; nothing written"}
}


@router.post("/bank/batches", response_model=banking.Ingested, status_code=201, responses=REJECTED)
def post_batch(batch: BankBatch, bank: Bank, uow: UowDep):
    """A day's rows for accounts at the caller's bank; the same `batch_id` again changes nothing."""
    try:
        return banking.ingest(batch, bank, uow)
    except banking.BatchRejected as rejected:
        return JSONResponse(status_code=422, content=rejected.report.model_dump())


@router.get("/bank/accounts/{account}/ledger", response_model=LedgerView)
def read_account(account: str, bank: Bank, uow: UowDep):
    """The ledger of one account the caller's bank supervises."""
    return banking.account_ledger(account, bank, uow)


@router.put("/accounts/{account}", response_model=None, status_code=204)
def put_agreement(account: str, agreement: banking.Agreement, by: Agreer, uow: UowDep) -> None:
    """A supervision agreement: the account at `bank` holds the institution's prepaid fees."""
    banking.agree(banking.AgreeAccount(account, agreement, by), uow)


@router.post("/feeds/{feed}", response_model=feeds.Sent, responses=REJECTED)
def post_feed(feed: Feed, batch: FeedBatch, sender: PrincipalDep, uow: UowDep):
    """A batch from an agency: `hotline` (12345, the district), `refunds` (education),
    `police` (public security: staff flags), `credit` (market supervision: the legal
    representative's credit)."""
    try:
        return feeds.send(feeds.SendFeed(feed, batch, sender), uow)
    except banking.BatchRejected as rejected:
        return JSONResponse(status_code=422, content=rejected.report.model_dump())
