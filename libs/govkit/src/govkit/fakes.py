"""In-memory stand-ins for the fast tests: a unit of work and paging over plain lists.

They replace only our own storage; every use case, rule and route they serve is the real one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

from contracts.envelope import Envelope
from contracts.events import Message
from govkit.http import PageParams
from govkit.principal import CITY, Scope
from govkit.uow import R, UnitOfWork, new_uuid, utc_now

T = TypeVar("T")


class FakeUnitOfWork(UnitOfWork[R]):
    """In memory: repositories are fakes, committed events are kept in order for assertions.

    Repositories share state with the fake across transactions (as a database would); only
    events and delivery marks follow commit and rollback here.
    """

    def __init__(
        self,
        repo: R,
        *,
        clock: Callable[[], datetime] = utc_now,
        new_id: Callable[[], str] = new_uuid,
    ) -> None:
        super().__init__(clock, new_id)
        self.repo = repo
        self.committed: list[Message] = []
        self.handled: set[str] = set()
        self.commits = 0
        self._pending: list[Message] = []
        self._pending_handled: set[str] = set()

    def _begin(self) -> None:
        self._pending, self._pending_handled = [], set()

    def _record(self, message: Message, event_id: str) -> None:
        self._pending.append(message)

    def first_delivery(self, envelope: Envelope) -> bool:
        if envelope.id in self.handled or envelope.id in self._pending_handled:
            return False
        self._pending_handled.add(envelope.id)
        return True

    def commit(self) -> None:
        self.committed.extend(self._pending)
        self.handled |= self._pending_handled
        self.commits += 1
        self._pending, self._pending_handled = [], set()

    def rollback(self) -> None:
        self._pending, self._pending_handled = [], set()


def fake_page(
    rows: Iterable[T],
    page: PageParams,
    *,
    scope: Scope = CITY,
    newest_first: Callable[[T], Any],
    where: Callable[[T], bool] = lambda _row: True,
) -> tuple[list[T], int]:
    """What a repository's list query returns: scoped, filtered, newest first, one page."""
    found = sorted(
        (row for row in rows if scope.admits(row) and where(row)), key=newest_first, reverse=True
    )
    return found[page.offset : page.offset + page.limit], len(found)
