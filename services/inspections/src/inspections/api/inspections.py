"""Inspections: an inspector at a listed unit records each item, adds photos, completes it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, UploadFile, status

from govkit.http import Page, PageDep, UowDep, read_upload
from inspections.api.models import (
    InspectionDetail,
    InspectionPublic,
    ResultPublic,
    StoredFilePublic,
)
from inspections.api.shared import Inspector, Reader, RulesDep, SettingsDep, StoreDep
from inspections.domain.inspections import Completion, NewInspection, ResultSheet
from inspections.domain.search import InspectionFilters
from inspections.service import files, inspections

router = APIRouter(prefix="/inspections", tags=["inspections"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=InspectionPublic)
def start_inspection(data: NewInspection, inspector: Inspector, rules: RulesDep, uow: UowDep):
    """Start an inspection of a unit you are listed for (404 for any other)."""
    return inspections.start(inspections.StartInspection(data, inspector, rules), uow)


@router.get("", response_model=Page[InspectionPublic])
def read_inspections(
    reader: Reader, filters: Annotated[InspectionFilters, Query()], page: PageDep, uow: UowDep
):
    rows, count = inspections.inspections(reader, filters, page, uow)
    return Page[InspectionPublic](data=rows, count=count)


@router.get("/{inspection_id}", response_model=InspectionDetail)
def read_inspection(inspection_id: str, reader: Reader, uow: UowDep):
    found, results = inspections.inspection(inspection_id, reader, uow)
    return InspectionDetail(
        **InspectionPublic.model_validate(found).model_dump(),
        results=[ResultPublic.model_validate(r) for r in results],
    )


@router.put("/{inspection_id}/results", response_model=list[ResultPublic])
def record_results(
    inspection_id: str, sheet: ResultSheet, inspector: Inspector, rules: RulesDep, uow: UowDep
):
    """Record pass / fail / not_applicable per item (a failure needs a note; photos by sha256)."""
    command = inspections.RecordResults(inspection_id, sheet, inspector, rules)
    return inspections.record_results(command, uow)


@router.post(
    "/{inspection_id}/files", status_code=status.HTTP_201_CREATED, response_model=StoredFilePublic
)
def upload_photo(
    inspection_id: str,
    file: UploadFile,
    inspector: Inspector,
    store: StoreDep,
    settings: SettingsDep,
    uow: UowDep,
):
    """A photo or document (JPEG, PNG, WebP, PDF; 10 MB at most), kept by its sha256."""
    content = read_upload(file, settings.max_evidence_bytes)
    upload = files.Upload(inspection_id, file.filename or "", content, inspector, store)
    return files.attach_to_inspection(upload, uow)


@router.get("/{inspection_id}/files/{sha256}")
def read_photo(inspection_id: str, sha256: str, reader: Reader, store: StoreDep, uow: UowDep):
    content, kept = files.read_file(inspection_id, sha256, reader, store, uow)
    return Response(content, media_type=kept.media_type)


@router.post("/{inspection_id}/complete", response_model=InspectionPublic)
def complete_inspection(
    inspection_id: str, completion: Completion, inspector: Inspector, rules: RulesDep, uow: UowDep
):
    """Complete it: failed items become findings on one rectification order (整改督办单)."""
    command = inspections.CompleteInspection(inspection_id, completion, inspector, rules)
    return inspections.complete(command, uow)
