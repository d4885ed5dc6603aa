"""Enforcement service: department tasks, cases and their timelines. Its parts are wired here."""

from __future__ import annotations

from typing import Unpack

from fastapi import FastAPI

from enforcement.api import router
from enforcement.handlers import register_subscribers
from enforcement.settings import EnforcementSettings
from enforcement.store.repository import SqlEnforcementRepository
from enforcement.store.tables import EnforcementTable
from govkit.service import ServiceOptions, create_service_app

# The service's own tables; its migrations in `enforcement/migrations/` create them.
SCHEMA = EnforcementTable.metadata


def create_app(
    settings: EnforcementSettings | None = None, **options: Unpack[ServiceOptions]
) -> FastAPI:
    settings = settings or EnforcementSettings()
    return create_service_app(
        name="enforcement",
        settings=settings,
        database_url=settings.database_url,
        metadata=SCHEMA,
        repositories=SqlEnforcementRepository,
        routers=[router],
        register_subscribers=register_subscribers,
        **options,
    )
