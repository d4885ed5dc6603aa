"""Risk service: the risk exchange, where every agency's signals about an institution meet."""

from __future__ import annotations

from typing import Unpack

from fastapi import FastAPI

from govkit.service import ServiceOptions, create_service_app
from risk.api import feeds, signals
from risk.handlers import register_subscribers
from risk.settings import RiskSettings
from risk.store.repository import SqlRiskRepository
from risk.store.tables import RiskTable

# The service's own tables; its migrations in `risk/migrations/` create them.
SCHEMA = RiskTable.metadata


def create_app(settings: RiskSettings | None = None, **options: Unpack[ServiceOptions]) -> FastAPI:
    settings = settings or RiskSettings()
    return create_service_app(
        name="risk",
        settings=settings,
        database_url=settings.database_url,
        metadata=SCHEMA,
        repositories=SqlRiskRepository,
        routers=[signals.router, feeds.router],
        register_subscribers=register_subscribers,
        **options,
    )
