"""Institutions service: the registry every other service refers to, and its compliance rules.

The one place its parts are wired together.
"""

from __future__ import annotations

from typing import Unpack

from fastapi import FastAPI

from govkit.calendar_feed import CalendarFeed
from govkit.service import ServiceOptions, create_service_app
from institutions.api import files, public, registry
from institutions.handlers import register_subscribers
from institutions.rules import load_parameters
from institutions.settings import InstitutionsSettings
from institutions.store.repository import SqlRegistryRepository
from institutions.store.tables import RegistryTable

# The service's own tables; its migrations in `institutions/migrations/` create them.
SCHEMA = RegistryTable.metadata


def create_app(
    settings: InstitutionsSettings | None = None, **options: Unpack[ServiceOptions]
) -> FastAPI:
    settings = settings or InstitutionsSettings()
    return create_service_app(
        name="institutions",
        settings=settings,
        database_url=settings.database_url,
        metadata=SCHEMA,
        repositories=SqlRegistryRepository,
        register_subscribers=register_subscribers,
        # Import/export first: `/institutions/export` must not be taken for an institution id.
        routers=[files.router, registry.router, public.router],
        # The rules check training days on the working calendar as administrators load it.
        state={"parameters": load_parameters()},
        calendar=CalendarFeed(),
        **options,
    )
