"""Patrol service: incidents from the street."""

from __future__ import annotations

from fastapi import FastAPI
from opentelemetry.sdk.trace.export import SpanExporter

from govkit.service import create_service_app
from patrol import leads
from patrol.api import router
from patrol.handlers import register_subscribers
from patrol.settings import PatrolSettings
from patrol.store import PatrolTable

# The service's own tables; its migrations in `patrol/migrations/` create them.
SCHEMA = PatrolTable.metadata


def create_app(
    settings: PatrolSettings | None = None,
    *,
    span_exporter: SpanExporter | None = None,
    run_relay: bool = True,
) -> FastAPI:
    settings = settings or PatrolSettings()
    return create_service_app(
        name="patrol",
        settings=settings,
        database_url=settings.database_url,
        metadata=SCHEMA,
        routers=[router, leads.router],
        register_subscribers=register_subscribers,
        span_exporter=span_exporter,
        run_relay=run_relay,
    )
