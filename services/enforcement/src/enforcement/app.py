"""Enforcement service: department tasks, cases and their timelines."""

from __future__ import annotations

from fastapi import FastAPI
from opentelemetry.sdk.trace.export import SpanExporter

from enforcement.api import router
from enforcement.handlers import register_subscribers
from enforcement.settings import EnforcementSettings
from enforcement.store.tables import EnforcementTable
from govkit.service import create_service_app

# The service's own tables; its migrations in `enforcement/migrations/` create them.
SCHEMA = EnforcementTable.metadata


def create_app(
    settings: EnforcementSettings | None = None,
    *,
    span_exporter: SpanExporter | None = None,
    run_relay: bool = True,
) -> FastAPI:
    settings = settings or EnforcementSettings()
    return create_service_app(
        name="enforcement",
        settings=settings,
        database_url=settings.database_url,
        metadata=SCHEMA,
        routers=[router],
        register_subscribers=register_subscribers,
        span_exporter=span_exporter,
        run_relay=run_relay,
    )
