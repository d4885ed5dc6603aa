"""Oversight service: the leadership read model, built from enforcement's case events."""

from __future__ import annotations

from typing import Unpack

from fastapi import FastAPI

from govkit.calendar_feed import CalendarFeed
from govkit.service import ServiceOptions, create_service_app
from oversight.api import metrics
from oversight.handlers import register_subscribers
from oversight.settings import OversightSettings
from oversight.store.repository import SqlOversightRepository
from oversight.store.tables import OversightTable

# The service's own tables; its migrations in `oversight/migrations/` create them.
SCHEMA = OversightTable.metadata


def create_app(
    settings: OversightSettings | None = None, **options: Unpack[ServiceOptions]
) -> FastAPI:
    settings = settings or OversightSettings()
    return create_service_app(
        name="oversight",
        settings=settings,
        database_url=settings.database_url,
        metadata=SCHEMA,
        repositories=SqlOversightRepository,
        routers=[metrics.router],
        register_subscribers=register_subscribers,
        # Leaders are warned when the working calendar's loaded years run out.
        calendar=CalendarFeed(),
        **options,
    )
