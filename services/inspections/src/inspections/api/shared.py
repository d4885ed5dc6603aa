"""What the routes share: who may call, the rule data and the evidence store, uploads."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, UploadFile

from govkit.auth import require_roles
from govkit.principal import Principal
from inspections.domain.access import (
    INSPECTOR_ROLES,
    ORDER_READER_ROLES,
    ORGANISER_ROLES,
    READER_ROLES,
    STAFF_ROLES,
)
from inspections.service.common import Rules
from inspections.settings import InspectionsSettings
from inspections.storage import EvidenceStore

Reader = Annotated[Principal, Depends(require_roles(READER_ROLES))]
OrderReader = Annotated[Principal, Depends(require_roles(ORDER_READER_ROLES))]
Organiser = Annotated[Principal, Depends(require_roles(ORGANISER_ROLES))]
Inspector = Annotated[Principal, Depends(require_roles(INSPECTOR_ROLES))]
Staff = Annotated[Principal, Depends(require_roles(STAFF_ROLES))]
Uploader = Annotated[Principal, Depends(require_roles(STAFF_ROLES | INSPECTOR_ROLES))]


def _rules(request: Request) -> Rules:
    return request.app.state.rules


def _store(request: Request) -> EvidenceStore:
    return request.app.state.evidence


def _settings(request: Request) -> InspectionsSettings:
    return request.app.state.settings


RulesDep = Annotated[Rules, Depends(_rules)]
StoreDep = Annotated[EvidenceStore, Depends(_store)]
SettingsDep = Annotated[InspectionsSettings, Depends(_settings)]


def read_upload(file: UploadFile, limit: int) -> bytes:
    """The upload's bytes, refused with 413 when larger than `limit`."""
    content = file.file.read(limit + 1)
    if len(content) > limit:
        raise HTTPException(
            413, f"文件过大 (file larger than {limit // (1024 * 1024)} MB; send a smaller one)"
        )
    return content
