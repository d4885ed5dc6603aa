"""Photos of an incident: the reporter adds up to six; whoever sees the incident sees them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response, UploadFile, status
from pydantic import BaseModel, ConfigDict

from govkit.auth import require_roles
from govkit.http import Page, UowDep, read_upload
from govkit.principal import Principal
from govkit.uploads import BlobStore, Unaccepted, media_type_of
from patrol import service
from patrol.domain.access import READER_ROLES, REPORTER_ROLES
from patrol.domain.photos import MAX_PHOTO_BYTES, PHOTO_TYPES
from patrol.thumbnails import thumbnail

router = APIRouter(prefix="/incidents", tags=["photos"])

Reporter = Annotated[Principal, Depends(require_roles(REPORTER_ROLES))]
Reader = Annotated[Principal, Depends(require_roles(READER_ROLES))]
# A photo's address is its content's hash: what it names never changes.
FOREVER = {"Cache-Control": "private, max-age=31536000, immutable"}


def _store(request: Request) -> BlobStore:
    return request.app.state.photos


StoreDep = Annotated[BlobStore, Depends(_store)]


class PhotoPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    sha256: str
    media_type: str
    size: int
    uploaded_by: str
    uploaded_at: datetime


@router.post(
    "/{incident_id}/photos", status_code=status.HTTP_201_CREATED, response_model=PhotoPublic
)
def add_photo(incident_id: str, file: UploadFile, adder: Reporter, store: StoreDep, uow: UowDep):
    """A photo of the incident (JPEG, PNG or WebP, 5 MB at most, 6 per incident), by its
    reporter within 24 hours of the report; a thumbnail is made at once."""
    content = read_upload(file, MAX_PHOTO_BYTES)
    try:
        media_type = media_type_of(content, PHOTO_TYPES)
    except Unaccepted as exc:
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, str(exc)) from exc
    command = service.AddPhoto(incident_id, content, media_type, adder, store, thumbnail)
    return service.add_photo(command, uow)


@router.get("/{incident_id}/photos", response_model=Page[PhotoPublic])
def read_photos(incident_id: str, reader: Reader, uow: UowDep):
    """The incident's photos, oldest first, if the caller sees the incident."""
    rows = service.photos(incident_id, reader, uow)
    return Page[PhotoPublic](data=rows, count=len(rows))


@router.get("/{incident_id}/photos/{sha256}")
def read_photo(incident_id: str, sha256: str, reader: Reader, store: StoreDep, uow: UowDep):
    """The photo as uploaded."""
    content, media_type = service.photo_content(
        incident_id, sha256, thumbnail=False, reader=reader, store=store, uow=uow
    )
    return Response(content, media_type=media_type, headers=FOREVER)


@router.get("/{incident_id}/photos/{sha256}/thumbnail")
def read_thumbnail(incident_id: str, sha256: str, reader: Reader, store: StoreDep, uow: UowDep):
    """The photo at most 320 px on its longer side, as JPEG."""
    content, media_type = service.photo_content(
        incident_id, sha256, thumbnail=True, reader=reader, store=store, uow=uow
    )
    return Response(content, media_type=media_type, headers=FOREVER)
