"""What the routes share: who may call, the rule data and the evidence store, uploads."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from govkit.auth import require_roles
from govkit.principal import Principal
from govkit.uploads import BlobStore
from inspections.domain.access import (
    INSPECTOR_ROLES,
    ORDER_READER_ROLES,
    ORGANISER_ROLES,
    READER_ROLES,
    STAFF_ROLES,
)
from inspections.service.common import Rules
from inspections.settings import InspectionsSettings

Reader = Annotated[Principal, Depends(require_roles(READER_ROLES))]
OrderReader = Annotated[Principal, Depends(require_roles(ORDER_READER_ROLES))]
Organiser = Annotated[Principal, Depends(require_roles(ORGANISER_ROLES))]
Inspector = Annotated[Principal, Depends(require_roles(INSPECTOR_ROLES))]
Staff = Annotated[Principal, Depends(require_roles(STAFF_ROLES))]
Uploader = Annotated[Principal, Depends(require_roles(STAFF_ROLES | INSPECTOR_ROLES))]


def _rules(request: Request) -> Rules:
    return request.app.state.rules


def _store(request: Request) -> BlobStore:
    return request.app.state.evidence


def _settings(request: Request) -> InspectionsSettings:
    return request.app.state.settings


RulesDep = Annotated[Rules, Depends(_rules)]
StoreDep = Annotated[BlobStore, Depends(_store)]
SettingsDep = Annotated[InspectionsSettings, Depends(_settings)]
