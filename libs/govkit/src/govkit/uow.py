"""The unit of work: one transaction for a use case's changes, its events and its delivery.

A use case takes `(command, uow)`. Inside `with uow:` it reads and writes through
`uow.repo` (the service's repositories), announces what changed with `uow.emit(event)`,
and calls `uow.commit()`; leaving the block without a commit rolls everything back, events
included. A subscriber first asks `uow.first_delivery(envelope)` so a redelivered event
changes nothing. `SqlUnitOfWork` is the real one; `govkit.fakes.FakeUnitOfWork` keeps
everything in memory for the fast tests.
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType
from typing import Generic, Self, TypeVar

from sqlmodel import Session

from contracts.envelope import Envelope
from contracts.events import Message
from govkit.outbox import claim_first_delivery, record_event

R = TypeVar("R")


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_uuid() -> str:
    return str(uuid.uuid4())


class UnitOfWork(ABC, Generic[R]):
    """What a use case may touch: repositories, the clock, ids, and the events it emits."""

    repo: R
    now: datetime

    def __init__(self, clock: Callable[[], datetime], new_id: Callable[[], str]) -> None:
        self._clock = clock
        self.new_id = new_id

    def __enter__(self) -> Self:
        self.now = self._clock()
        self._begin()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.rollback()

    def emit(self, message: Message) -> str:
        """Announce a change; it leaves only if the transaction commits. Returns its event id."""
        event_id = self.new_id()
        self._record(message, event_id)
        return event_id

    @abstractmethod
    def first_delivery(self, envelope: Envelope) -> bool:
        """True the first time this event id is handled; the mark commits with the change."""

    @abstractmethod
    def commit(self) -> None: ...

    @abstractmethod
    def rollback(self) -> None:
        """Undo whatever was not committed (after a commit, nothing)."""

    @abstractmethod
    def _begin(self) -> None: ...

    @abstractmethod
    def _record(self, message: Message, event_id: str) -> None: ...


class SqlUnitOfWork(UnitOfWork[R]):
    """One database transaction; events go to the outbox in it, and the relay wakes on commit."""

    def __init__(
        self,
        session_factory: Callable[[], Session],
        repositories: Callable[[Session], R],
        *,
        source: str,
        clock: Callable[[], datetime] = utc_now,
        new_id: Callable[[], str] = new_uuid,
        on_commit: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(clock, new_id)
        self._session_factory = session_factory
        self._repositories = repositories
        self._source = source
        self._on_commit = on_commit

    def _begin(self) -> None:
        self.session = self._session_factory()
        self.repo = self._repositories(self.session)

    def _record(self, message: Message, event_id: str) -> None:
        record_event(self.session, message, source=self._source, event_id=event_id, now=self.now)

    def first_delivery(self, envelope: Envelope) -> bool:
        return claim_first_delivery(self.session, envelope, now=self.now)

    def commit(self) -> None:
        self.session.commit()
        self._on_commit()

    def rollback(self) -> None:
        self.session.rollback()

    def __exit__(self, *args: object) -> None:
        # Closing rolls back what was not committed without expiring the rows read, so a use
        # case may return them (a rollback first would leave them empty once detached).
        self.session.close()
