"""Transactional outbox: record an event with the change; a relay publishes after commit."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from datetime import UTC, datetime

from faststream.kafka import KafkaBroker
from opentelemetry import context, propagate
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

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
    """Publishes committed outbox rows in order, then marks them published.

    A crash between publish and mark republishes the row on restart: delivery is at least
    once, and consumers de-duplicate on the event id.
    """

    def __init__(
        self,
        engine: Engine,
        broker: KafkaBroker,
        *,
        topic_prefix: str = "",
        batch: int = 100,
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
        rows = await asyncio.to_thread(self.pending)
        for row in rows:
            await self._publish(row)
            await asyncio.to_thread(self._mark_published, row.position)
        return len(rows)

    def pending(self) -> list[OutboxMessage]:
        with Session(self._engine) as session:
            query = (
                select(OutboxMessage)
                .where(col(OutboxMessage.published_at).is_(None))
                .order_by(col(OutboxMessage.position))
                .limit(self._batch)
            )
            return list(session.exec(query).all())

    async def _publish(self, row: OutboxMessage) -> None:
        # The span of the publish continues the trace of the request that caused the event.
        token = context.attach(propagate.extract({"traceparent": row.traceparent or ""}))
        try:
            await self._broker.publish(
                json.loads(row.payload),
                topic=self._topic_prefix + row.topic,
                key=row.key.encode(),
            )
        finally:
            context.detach(token)

    def _mark_published(self, position: int | None) -> None:
        with Session(self._engine) as session:
            row = session.get(OutboxMessage, position)
            if row is not None:
                row.published_at = datetime.now(UTC)
                session.add(row)
                session.commit()
