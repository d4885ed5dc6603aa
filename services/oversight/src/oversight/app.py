"""Oversight service: the leadership read model, built from enforcement's case events."""

from __future__ import annotations

from fastapi import FastAPI
from opentelemetry.sdk.trace.export import SpanExporter

from govkit.service import create_service_app
from oversight.api import router
from oversight.handlers import register_subscribers
from oversight.settings import OversightSettings
from oversight.store import OversightTable

# The service's own tables; its migrations in `oversight/migrations/` create them.
SCHEMA = OversightTable.metadata


def create_app(
    settings: OversightSettings | None = None, *, span_exporter: SpanExporter | None = None
) -> FastAPI:
    settings = settings or OversightSettings()
    return create_service_app(
        name="oversight",
        settings=settings,
        database_url=settings.database_url,
        metadata=SCHEMA,
        routers=[router],
        register_subscribers=register_subscribers,
        span_exporter=span_exporter,
    )
