"""Reading the risk board: institutions by level, a profile, links, the red list as .xlsx."""

from __future__ import annotations

from govkit.errors import NotFound
from govkit.exports import xlsx_stream
from govkit.http import PageParams
from govkit.principal import Principal
from risk.domain.board import BoardFilter, Entry, LevelEntry, Link, Profile, link_between
from risk.domain.scoring import Level, assess
from risk.domain.signals import Signal, signal_scope
from risk.rules import scoring_rules
from risk.service import Uow
from risk.service.banking import ledger_view
from risk.store.tables import RiskInstitution, RiskSignal

RED_LIST_COLUMNS = ("机构代码", "名称", "街道", "网格", "监管银行", "得分", "原因")
MAX_RED_LIST = 100_000


def board(
    wanted: BoardFilter, reader: Principal, page: PageParams, uow: Uow
) -> tuple[list[RiskInstitution], int]:
    """Institutions in the reader's area, highest score first; filters narrow, never widen."""
    with uow:
        return uow.repo.board(wanted, signal_scope(reader), page)


def _visible(institution_id: str, reader: Principal, uow: Uow) -> RiskInstitution:
    found = uow.repo.institution(institution_id)
    if found is None or not signal_scope(reader).admits(found):
        raise NotFound(f"辖区内无此机构 (no institution {institution_id} in your area)")
    return found


def signals(
    institution_id: str, reader: Principal, page: PageParams, uow: Uow
) -> tuple[list[RiskSignal], int]:
    """An institution's signals within the reader's area, newest first."""
    with uow:
        return uow.repo.signals(institution_id, signal_scope(reader), page)


def _links_of(institution: RiskInstitution, uow: Uow) -> list[Link]:
    return [
        link
        for other in uow.repo.linked(institution)
        if (link := link_between(institution, other)) is not None
    ]


def links(institution_id: str, reader: Principal, uow: Uow) -> list[Link]:
    """Institutions sharing a legal representative, venue address or account (in any area: the
    link itself is what the reader needs to see)."""
    with uow:
        return _links_of(_visible(institution_id, reader, uow), uow)


def profile(institution_id: str, reader: Principal, uow: Uow) -> Profile:
    with uow:
        institution = _visible(institution_id, reader, uow)
        kept = sorted(
            uow.repo.signals_of(institution_id), key=lambda s: s.occurred_at, reverse=True
        )
        assessment = assess(kept, institution.ledger().cover_ratio, scoring_rules(), uow.now)
        return Profile(
            entry=Entry.model_validate(institution),
            assessment=assessment,
            signals=[Signal.model_validate(s) for s in kept[:100]],
            links=_links_of(institution, uow),
            ledger=ledger_view(institution),
            history=[
                LevelEntry.model_validate(change) for change in uow.repo.levels(institution_id)
            ],
        )


def red_list(reader: Principal, district: str | None, uow: Uow) -> bytes:
    """The red institutions of the reader's area (narrowed to `district`) as an .xlsx sheet."""
    rows, _ = board(
        BoardFilter(level=Level.RED, district=district),
        reader,
        PageParams(offset=0, limit=MAX_RED_LIST),
        uow,
    )
    cells = (
        (
            row.credit_code,
            row.name,
            row.township,
            row.grid,
            row.bank or "",
            row.score,
            "；".join(row.reasons),
        )
        for row in rows
    )
    return b"".join(xlsx_stream(RED_LIST_COLUMNS, cells, "红色预警"))
