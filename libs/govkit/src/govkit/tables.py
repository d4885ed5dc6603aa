"""Tables every service keeps in its own database: the outbox and the handled-event log."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import registry
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UtcDateTime(TypeDecorator[datetime]):
    """Timestamps come back aware and in UTC on every database (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_column(*, nullable: bool = True, index: bool = False) -> Column[datetime]:
    """A timestamp column: UTC stored, read back aware (ISO 8601 with offset on the wire)."""
    return Column(UtcDateTime(), nullable=nullable, index=index)


class KitTable(SQLModel, registry=registry()):
    """Base of govkit's own tables; a service creates them beside its own tables."""


class OutboxMessage(KitTable, table=True):
    """An event written in the same transaction as the change it announces."""

    __tablename__ = "outbox"

    position: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(unique=True)
    topic: str
    key: str
    payload: str = Field(sa_column=Column(Text, nullable=False))
    traceparent: str | None = None
    created_at: datetime = Field(sa_column=utc_column(nullable=False))
    published_at: datetime | None = Field(default=None, sa_column=utc_column(index=True))


class ProcessedEvent(KitTable, table=True):
    """An event id this service has handled; a redelivery of it changes nothing."""

    __tablename__ = "processed_events"

    event_id: str = Field(primary_key=True)
    event_type: str
    handled_at: datetime = Field(sa_column=utc_column(nullable=False))
