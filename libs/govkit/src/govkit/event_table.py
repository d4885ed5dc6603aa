"""One consumer's handlers by event type, with the one rule for a type nobody handles here:
logged, counted (shown on `/health`) and skipped, never parked and never stopping a partition."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from contracts.envelope import Envelope
from contracts.events import Message
from govkit.uow import UnitOfWork

log = logging.getLogger(__name__)

H = TypeVar("H")
UseCase = Callable[[Any, UnitOfWork[Any]], None]
"""A subscriber's use case: `(message, uow)`, changing state inside the caller's transaction."""


class EventTable(Generic[H]):
    """The handlers of one consumer, by message type."""

    def __init__(self, consumer: str, handlers: Mapping[type[Message], H]) -> None:
        self.consumer = consumer
        self._by_type = {message.EVENT_TYPE: (message, h) for message, h in handlers.items()}
        self.skipped: Counter[str] = Counter()

    @property
    def event_types(self) -> list[str]:
        return sorted(self._by_type)

    def lookup(self, envelope: Envelope) -> tuple[Message, H] | None:
        """The typed message and its handler, or None (logged and counted) for other types."""
        entry = self._by_type.get(envelope.type)
        if entry is None:
            self.skipped[envelope.type] += 1
            log.info("%s skips event %s of type %s", self.consumer, envelope.id, envelope.type)
            return None
        message_type, handler = entry
        return message_type.model_validate(envelope.data), handler
