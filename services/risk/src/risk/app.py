"""Risk service: the risk exchange, where every agency's signals about an institution meet."""

from __future__ import annotations

from fastapi import FastAPI
from opentelemetry.sdk.trace.export import SpanExporter

from govkit.service import create_service_app
from risk.api import router
from risk.handlers import register_subscribers
from risk.settings import RiskSettings
from risk.store import RiskTable

# The service's own tables; its migrations in `risk/migrations/` create them.
SCHEMA = RiskTable.metadata


def create_app(
    settings: RiskSettings | None = None, *, span_exporter: SpanExporter | None = None
) -> FastAPI:
    settings = settings or RiskSettings()
    return create_service_app(
        name="risk",
        settings=settings,
        database_url=settings.database_url,
        metadata=SCHEMA,
        routers=[router],
        register_subscribers=register_subscribers,
        span_exporter=span_exporter,
    )
