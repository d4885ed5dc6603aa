"""Transactional outbox: record an event with the change; a relay publishes after commit."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict, deque
from collections.abc import Sequence
from datetime import UTC, datetime

from faststream.kafka import KafkaBroker
from opentelemetry import context, propagate
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from contracts.envelope import Envelope
from contracts.events import Message
from govkit.tables import OutboxMessage, ProcessedEvent
from govkit.telemetry import current_traceparent

log = logging.getLogger(__name__)


def record_event(
    session: Session, message: Message, *, source: str, event_id: str, now: datetime
) -> Envelope:
    """Add `message` to the outbox of the session's transaction; nothing leaves before commit."""
    envelope = Envelope.of(
        message, event_id=event_id, source=source, time=now, traceparent=current_traceparent()
    )
    session.add(
        OutboxMessage(
            event_id=event_id,
            topic=message.TOPIC.name,
            key=message.message_key(),
            payload=envelope.model_dump_json(),
            traceparent=envelope.traceparent,
            created_at=now,
        )
    )
    return envelope


def claim_first_delivery(session: Session, envelope: Envelope, *, now: datetime) -> bool:
    """True the first time this event id is handled; the mark commits with the handler's change."""
    if session.get(ProcessedEvent, envelope.id) is not None:
        return False
    session.add(ProcessedEvent(event_id=envelope.id, event_type=envelope.type, handled_at=now))
    return True


class OutboxRelay:
    """Publishes committed outbox rows in order per key, then marks them published.

    A pass claims up to `batch` of the oldest unpublished rows in one transaction (on
    PostgreSQL `FOR UPDATE SKIP LOCKED`, so replicas of a service share the outbox and none
    publishes a row another holds), sends them together, awaits their acknowledgements together
    and marks the acknowledged rows in one UPDATE before the commit releases the claim. A row is
    sent only once every earlier unpublished row of its topic and key has been acknowledged (in
    this pass): a key whose row failed waits for the next pass, and a key with an earlier row
    held by another replica is left to that replica.

    A crash between publish and mark republishes the rows on restart (a replica that dies
    mid-pass releases its claim with its connection): delivery is at least once, and consumers
    de-duplicate on the event id.
    """

    def __init__(
        self,
        engine: Engine,
        broker: KafkaBroker,
        *,
        topic_prefix: str = "",
        batch: int = 500,
        idle: float = 0.2,
    ):
        self._engine = engine
        self._topic_prefix = topic_prefix
        self._broker = broker
        self._batch = batch
        self._idle = idle
        self._wakeup = asyncio.Event()

    def notify(self) -> None:
        """Something was committed: publish now rather than at the next idle tick."""
        self._wakeup.set()

    async def run(self) -> None:
        while True:
            try:
                published = await self.publish_pending()
            except Exception:  # keep relaying after a broker or database hiccup
                log.exception("outbox relay failed; retrying")
                published = 0
            if published == 0:
                self._wakeup.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wakeup.wait(), timeout=self._idle)

    async def publish_pending(self) -> int:
        """One pass: claim, publish, mark, commit; the number of rows published."""
        session = Session(self._engine, expire_on_commit=False)
        try:
            rows = await asyncio.to_thread(self._claim, session)
            published = await self._publish_in_key_order(rows)
            await asyncio.to_thread(_mark_published, session, published)
            return len(published)
        finally:
            await asyncio.to_thread(session.close)  # without a commit, the claim is released

    def pending(self) -> list[OutboxMessage]:
        """The unpublished rows, oldest first (at most one batch); claims nothing."""
        with Session(self._engine) as session:
            return list(session.exec(self._unpublished()).all())

    def _unpublished(self) -> SelectOfScalar[OutboxMessage]:
        return (
            select(OutboxMessage)
            .where(col(OutboxMessage.published_at).is_(None))
            .order_by(col(OutboxMessage.position))
            .limit(self._batch)
        )

    def _claim(self, session: Session) -> list[OutboxMessage]:
        """The claimed rows that are next in line for their key (SQLite ignores the lock)."""
        claimed = list(session.exec(self._unpublished().with_for_update(skip_locked=True)).all())
        if not claimed:
            return []
        # Rows after the last one claimed cannot block it: only those up to it are read.
        waiting = session.exec(
            select(OutboxMessage.topic, OutboxMessage.key, OutboxMessage.position)
            .where(
                col(OutboxMessage.published_at).is_(None),
                col(OutboxMessage.key).in_({row.key for row in claimed}),
                col(OutboxMessage.position) <= claimed[-1].position,
            )
            .order_by(col(OutboxMessage.position))
        ).all()
        return _next_in_line(claimed, waiting)

    async def _publish_in_key_order(self, rows: list[OutboxMessage]) -> list[OutboxMessage]:
        """Send in waves, one row per key each, all of a wave awaited together."""
        queues: dict[tuple[str, str], deque[OutboxMessage]] = defaultdict(deque)
        for row in rows:
            queues[(row.topic, row.key)].append(row)
        published: list[OutboxMessage] = []
        while queues:
            wave = [queue[0] for queue in queues.values()]
            results = await asyncio.gather(*map(self._publish, wave), return_exceptions=True)
            for row, result in zip(wave, results, strict=True):
                stream = (row.topic, row.key)
                if isinstance(result, BaseException):
                    log.warning("outbox row %s not published: %r", row.position, result)
                    del queues[stream]  # its later rows wait behind it for the next pass
                    continue
                published.append(row)
                queues[stream].popleft()
                if not queues[stream]:
                    del queues[stream]
        return published

    async def _publish(self, row: OutboxMessage) -> None:
        # The span of the publish continues the trace of the request that caused the event.
        token = context.attach(propagate.extract({"traceparent": row.traceparent or ""}))
        try:
            delivery = await self._broker.publish(
                json.loads(row.payload),
                topic=self._topic_prefix + row.topic,
                key=row.key.encode(),
                no_confirm=True,  # queue it now, await the broker's acknowledgement below
            )
        finally:
            context.detach(token)
        await delivery


def _next_in_line(
    claimed: list[OutboxMessage], waiting: Sequence[tuple[str, str, int | None]]
) -> list[OutboxMessage]:
    """Of the claimed rows, those every earlier unpublished row of whose key is claimed too.

    `waiting` is every unpublished (topic, key, position) of the claimed keys up to the last
    claimed row, oldest first;
    a key's run stops at its first row this pass does not hold.
    """
    held = {row.position: row for row in claimed}
    blocked: set[tuple[str, str]] = set()
    ready: list[OutboxMessage] = []
    for topic, key, position in waiting:
        if (topic, key) in blocked:
            continue
        if position in held:
            ready.append(held[position])
        else:
            blocked.add((topic, key))
    return ready


def _mark_published(session: Session, rows: list[OutboxMessage]) -> None:
    if rows:
        session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.position).in_([row.position for row in rows]))
            .values(published_at=datetime.now(UTC))
        )
    session.commit()
