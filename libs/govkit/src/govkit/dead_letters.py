"""Dead letters: what a consumer cannot handle is retried a few times, then parked, and the
consumer moves on to the next message of the partition.

Every consumer group of the platform (the services' subscribers and the workflows bridge,
built by `govkit.consumers`) takes each record through `consume`. (The calendar feed reads its
compacted topic whole at every start, without a group, and skips what it cannot read.) A record that
is not an envelope, or whose event does not fit its contract, is parked at once: its bytes
cannot change, so trying again cannot help. A record whose handling fails otherwise is tried
`Retry.attempts` times with a growing pause between tries (a lock, a restart of Temporal),
then parked. Parking produces the original key, value and headers, byte for byte, to
`<topic>.dlq`, keyed by the letter's id, with headers saying what failed, in which consumer
group, where the record lay and how often it was tried. Only then is the offset committed, so
a record is handled or parked, never lost; if parking itself fails the error stops the
consumer, as before, rather than dropping the record.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from pydantic import ValidationError

from contracts.envelope import Envelope

log = logging.getLogger(__name__)

DLQ_SUFFIX = ".dlq"
MAX_ERROR_CHARS = 2000

# Headers a parked record carries besides its own (all values UTF-8 text but the key's).
ERROR = "dead-letter-error"
CONSUMER = "dead-letter-consumer"
TOPIC = "dead-letter-topic"
PARTITION = "dead-letter-partition"
OFFSET = "dead-letter-offset"
KEY = "dead-letter-key"
ATTEMPTS = "dead-letter-attempts"
PARKED_AT = "dead-letter-parked-at"
REPLAYED_AT = "dead-letter-replayed-at"
REPLAYED_BY = "dead-letter-replayed-by"
OWN_HEADERS = frozenset(
    {ERROR, CONSUMER, TOPIC, PARTITION, OFFSET, KEY, ATTEMPTS, PARKED_AT, REPLAYED_AT, REPLAYED_BY}
)

Headers = tuple[tuple[str, bytes], ...]


def dead_letter_topic(topic: str) -> str:
    return topic + DLQ_SUFFIX


def letter_id(topic: str, partition: int, offset: int, consumer: str) -> str:
    """One record parked by one consumer: the same record parked again has the same id."""
    return f"{topic}:{partition}:{offset}:{consumer}"


@dataclass(frozen=True)
class Retry:
    """How often a failing record is tried, and the pause before each try after the first."""

    # About 5 s in all: a lock, a leader election or a restart of Temporal passes within it; a
    # longer outage parks what arrives, and the letters are replayed once it is over.
    attempts: int = 4
    first_pause: float = 0.25
    factor: float = 4.0

    def pause_after(self, attempt: int) -> float:
        """The pause after failed try `attempt` (0.25 s, 1 s, 4 s by default)."""
        return self.first_pause * self.factor ** (attempt - 1)


@dataclass(frozen=True)
class Record:
    """A record as it lay on Kafka."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: Headers


class Sink(Protocol):
    """Where parked records (and replays) are produced, waiting for Kafka to have them."""

    async def send(self, topic: str, key: bytes | None, value: bytes, headers: Headers) -> None:
        """Produce one record, acknowledged by every in-sync replica."""


class Unreadable(ValueError):
    """The record is not an envelope of the platform; no retry can change that."""


def read_envelope(value: bytes) -> Envelope:
    try:
        return Envelope.model_validate_json(value)
    except ValidationError as exc:
        raise Unreadable(
            f"not an event envelope (expected CloudEvents JSON with id, source, type, time, "
            f"data): {exc.errors(include_url=False)[0]['msg']} in {value[:80]!r}"
        ) from exc


Handle = Callable[[Envelope], Awaitable[None]]


async def consume(
    record: Record,
    handle: Handle,
    *,
    consumer: str,
    sink: Sink,
    retry: Retry = Retry(),
) -> bool:
    """Handle `record`, retrying failures; park it when it cannot be handled. True if handled."""
    try:
        envelope = read_envelope(record.value)
    except Unreadable as exc:
        await park(record, exc, consumer=consumer, attempts=1, sink=sink)
        return False
    attempt = 1
    while True:
        try:
            await handle(envelope)
            return True
        except ValidationError as exc:  # the event does not fit its contract: it never will
            await park(record, exc, consumer=consumer, attempts=attempt, sink=sink)
            return False
        except Exception as exc:  # whatever failed, the record must not be lost
            if attempt >= retry.attempts:
                await park(record, exc, consumer=consumer, attempts=attempt, sink=sink)
                return False
            log.warning(
                "%s: try %d of %d failed on %s@%d:%d: %r",
                consumer,
                attempt,
                retry.attempts,
                record.topic,
                record.partition,
                record.offset,
                exc,
            )
            await asyncio.sleep(retry.pause_after(attempt))
            attempt += 1


async def park(
    record: Record, error: Exception, *, consumer: str, attempts: int, sink: Sink
) -> None:
    """Put `record` on its topic's dead-letter topic with why and where it failed."""
    reason = f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS]
    added = {
        ERROR: reason,
        CONSUMER: consumer,
        TOPIC: record.topic,
        PARTITION: str(record.partition),
        OFFSET: str(record.offset),
        ATTEMPTS: str(attempts),
        PARKED_AT: datetime.now(UTC).isoformat(),
    }
    headers = (
        record.headers
        + tuple((name, value.encode()) for name, value in added.items())
        + (((KEY, record.key),) if record.key is not None else ())
    )
    identity = letter_id(record.topic, record.partition, record.offset, consumer)
    topic = dead_letter_topic(record.topic)
    try:
        await sink.send(topic, identity.encode(), record.value, headers)
    except Exception:
        log.exception(
            "%s cannot park %s on %s (does it exist? deploy/local/stack.sh topics creates the "
            "declared topics); the record stays and is tried again",
            consumer,
            identity,
            topic,
        )
        raise
    log.error("%s parked %s on %s: %s", consumer, identity, topic, reason)
