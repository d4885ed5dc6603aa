"""The risk board: what a reader filters by, and what an institution's profile shows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from risk.domain.scoring import Assessment, Level
from risk.domain.signals import Signal

LINKED_BY = ("legal_representative", "address", "fund_account")


class BoardFilter(BaseModel):
    """The board's filters. Read from the query string beside the page's `limit` and `offset`,
    so other parameters are not refused here."""

    model_config = ConfigDict(frozen=True)

    level: Level | None = None
    district: str | None = Field(default=None, max_length=50)
    township: str | None = Field(default=None, max_length=50)
    category: str | None = Field(default=None, max_length=50)
    bank: str | None = Field(default=None, max_length=50)

    def filters(self) -> dict[str, str]:
        return {name: str(value) for name, value in self.model_dump().items() if value is not None}


class Entry(BaseModel):
    """One institution on the board."""

    model_config = ConfigDict(from_attributes=True)

    institution_id: str
    credit_code: str
    name: str
    category: str
    district: str
    township: str
    grid: str
    bank: str | None
    level: Level
    score: float
    reasons: list[str]
    episode_id: str | None = Field(
        description="While red: the episode, which is its whistle's case"
    )


class Identity(Protocol):
    @property
    def institution_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def legal_representative(self) -> str | None: ...
    @property
    def address(self) -> str: ...
    @property
    def fund_account(self) -> str | None: ...
    @property
    def level(self) -> str: ...
    @property
    def state(self) -> str: ...


class Link(BaseModel):
    institution_id: str
    name: str
    via: list[str] = Field(description="What they share: legal_representative, address, account")
    level: str
    state: str


def link_between(one: Identity, other: Identity) -> Link | None:
    """How `other` is linked to `one`, or None if they share nothing."""
    via = [
        name
        for name in LINKED_BY
        if (value := getattr(one, name)) and value == getattr(other, name)
    ]
    if not via:
        return None
    return Link(
        institution_id=other.institution_id,
        name=other.name,
        via=via,
        level=other.level,
        state=other.state,
    )


class LedgerView(BaseModel):
    bank: str | None
    account: str | None
    prepaid_received_yuan: float
    released_yuan: float
    refunded_yuan: float
    lessons_delivered: int
    balance_yuan: float
    liability_yuan: float
    cover_ratio: float | None
    as_of: date | None


class LevelEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    from_level: str
    to_level: str
    score: float
    reasons: list[str]
    signal_ids: list[str]
    changed_at: datetime


class Profile(BaseModel):
    entry: Entry
    assessment: Assessment
    signals: list[Signal] = Field(description="The newest signals first")
    links: list[Link]
    ledger: LedgerView
    history: list[LevelEntry]
