"""挂牌督学: the district office lists inspectors for units by importing a file."""

from __future__ import annotations

from fastapi import APIRouter, UploadFile
from fastapi.responses import JSONResponse

from govkit.http import Page, PageDep, UowDep, read_upload
from inspections.api.models import AssignmentPublic
from inspections.api.shared import Organiser, Reader, SettingsDep
from inspections.domain.assignments import FileRejected, ImportReport
from inspections.service import assignments

router = APIRouter(prefix="/assignments", tags=["assignments"])


@router.post(
    "/import",
    response_model=ImportReport,
    responses={422: {"model": ImportReport, "description": "Bad rows; nothing was listed"}},
)
def import_assignments(
    file: UploadFile,
    organiser: Organiser,
    uow: UowDep,
    settings: SettingsDep,
    district: str | None = None,
    accept_partial: bool = False,
):
    """Import .xlsx or CSV (UTF-8) with the columns `inspector, unit_type (institution|school),
    code, name, level (primary|junior), district, township, grid, address`; an institution is
    named by its credit code and must be in the registry; a bad row rejects the whole file
    (the report names each) unless `accept_partial=true`."""
    command = assignments.ImportAssignments(
        file.filename or "",
        read_upload(file, settings.max_import_bytes),
        organiser,
        district,
        accept_partial,
    )
    try:
        return assignments.import_assignments(command, uow)
    except FileRejected as rejected:
        return JSONResponse(status_code=422, content=rejected.report.model_dump())


@router.get("", response_model=Page[AssignmentPublic])
def read_assignments(reader: Reader, page: PageDep, uow: UowDep):
    rows, count = assignments.assignments(reader, page, uow)
    return Page[AssignmentPublic](data=rows, count=count)
