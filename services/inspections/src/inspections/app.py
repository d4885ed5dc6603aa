"""Inspections service (督导): assignments, checklists, inspections, rectification orders and
the statistics table. The one place its parts are wired together."""

from __future__ import annotations

from typing import Unpack

from fastapi import FastAPI

from govkit.calendar import load_calendar
from govkit.service import ServiceOptions, create_service_app
from govkit.uploads import LocalDiskStore
from inspections.api import assignments, checklist, inspections, orders, plans, statistics, units
from inspections.handlers import register_subscribers
from inspections.rules import load_checklists, load_rectification_rules
from inspections.service.common import Rules
from inspections.settings import InspectionsSettings
from inspections.store.repository import SqlInspectionsRepository
from inspections.store.tables import InspectionsTable

# The service's own tables; its migrations in `inspections/migrations/` create them.
SCHEMA = InspectionsTable.metadata


def create_app(
    settings: InspectionsSettings | None = None, **options: Unpack[ServiceOptions]
) -> FastAPI:
    settings = settings or InspectionsSettings()
    rules = Rules(load_checklists(), load_rectification_rules(), load_calendar())
    return create_service_app(
        name="inspections",
        settings=settings,
        database_url=settings.database_url,
        metadata=SCHEMA,
        repositories=SqlInspectionsRepository,
        routers=[
            checklist.router,
            units.router,
            assignments.router,
            plans.router,
            inspections.router,
            orders.router,
            statistics.router,
        ],
        register_subscribers=register_subscribers,
        state={
            "rules": rules,
            "evidence": LocalDiskStore(settings.evidence_dir),
            "settings": settings,
        },
        **options,
    )
