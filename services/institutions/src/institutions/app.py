"""Institutions service: the registry every other service refers to, and its compliance rules."""

from __future__ import annotations

from fastapi import FastAPI
from opentelemetry.sdk.trace.export import SpanExporter

from govkit.calendar import load_calendar
from govkit.service import create_service_app
from institutions import api, files_api, public
from institutions.compliance import load_parameters
from institutions.registry import RuleBook
from institutions.settings import InstitutionsSettings
from institutions.store import RegistryTable

# The service's own tables; its migrations in `institutions/migrations/` create them.
SCHEMA = RegistryTable.metadata


def create_app(
    settings: InstitutionsSettings | None = None,
    *,
    span_exporter: SpanExporter | None = None,
    rules: RuleBook | None = None,
) -> FastAPI:
    settings = settings or InstitutionsSettings()
    app = create_service_app(
        name="institutions",
        settings=settings,
        database_url=settings.database_url,
        metadata=SCHEMA,
        # Import/export first: `/institutions/export` must not be taken for an institution id.
        routers=[files_api.router, api.router, public.router],
        span_exporter=span_exporter,
    )
    app.state.rules = rules or RuleBook(load_parameters(), load_calendar())
    return app
