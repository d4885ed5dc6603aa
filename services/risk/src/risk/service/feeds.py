"""Agencies' batch feeds into signals: each batch checked whole, each row kept once."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from govkit.principal import Principal
from risk.domain.feeds import Feed, FeedBatch, checked_feed, feed_signal, require_sender
from risk.service import Uow
from risk.service.banking import rejected
from risk.service.levels import inherit_links, keep, rescore
from risk.store.tables import RiskInstitution


class Sent(BaseModel):
    rows: int
    new_signals: int


@dataclass(frozen=True)
class SendFeed:
    feed: Feed
    batch: FeedBatch
    sender: Principal


def send(command: SendFeed, uow: Uow) -> Sent:
    """Every row becomes a signal (a row sent before changes nothing); a credit row also names
    the institution's legal representative, which may link it to others."""
    require_sender(command.feed, command.sender)
    with uow:
        codes = {str(raw.get("credit_code", "")).upper() for raw in command.batch.rows}
        known = uow.repo.institutions_by_code(codes)
        good, errors = checked_feed(command.feed, command.batch, command.sender, known, uow.now)
        if errors:
            raise rejected(errors)
        touched: dict[str, RiskInstitution] = {}
        new = 0
        for row, about in good:
            institution = known[row.credit_code.upper()]
            signal = feed_signal(
                command.feed, row, about, sender=command.sender.username, now=uow.now
            )
            if not keep(signal, uow):
                continue
            new += 1
            touched[institution.institution_id] = institution
            named = row.legal_representative
            if named and named != institution.legal_representative:
                institution.legal_representative = named
                uow.repo.add(institution)
                inherit_links(institution, uow)
        for institution in touched.values():
            rescore(institution, uow)
        uow.commit()
    return Sent(rows=len(good), new_signals=new)
