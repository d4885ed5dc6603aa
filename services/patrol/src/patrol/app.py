"""Patrol service: incidents from the street. The one place its parts are wired together."""

from __future__ import annotations

from typing import Unpack

from fastapi import FastAPI

from govkit.service import ServiceOptions, create_service_app
from govkit.uploads import LocalDiskStore
from patrol.api import grids, incidents, leads, photos
from patrol.handlers import register_subscribers
from patrol.settings import PatrolSettings
from patrol.store.repository import SqlPatrolRepository
from patrol.store.tables import PatrolTable

# The service's own tables; its migrations in `patrol/migrations/` create them.
SCHEMA = PatrolTable.metadata


def create_app(
    settings: PatrolSettings | None = None, **options: Unpack[ServiceOptions]
) -> FastAPI:
    settings = settings or PatrolSettings()
    return create_service_app(
        name="patrol",
        settings=settings,
        database_url=settings.database_url,
        metadata=SCHEMA,
        repositories=SqlPatrolRepository,
        routers=[incidents.router, photos.router, leads.router, grids.router],
        register_subscribers=register_subscribers,
        state={"photos": LocalDiskStore(settings.photo_dir)},
        **options,
    )
