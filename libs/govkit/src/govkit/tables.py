"""Tables every service keeps in its own database: the outbox and the handled-event log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, Text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel


def utc_column(*, nullable: bool = True, index: bool = False) -> Column[datetime]:
    """A timestamp column that keeps its time zone (UTC stored, ISO 8601 with offset out)."""
    return Column(DateTime(timezone=True), nullable=nullable, index=index)


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
