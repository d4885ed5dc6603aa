"""Bulk import from CSV/.xlsx and export of any search result."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from govkit.http import UowDep
from institutions import service
from institutions.api.shared import Editor, Filters, Reader, RulesDep
from institutions.domain.importing import FileRejected, ImportReport
from institutions.tabular import FileFormat

router = APIRouter(prefix="/institutions", tags=["import and export"])

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


@router.post("/import", response_model=ImportReport)
async def import_file(
    file: UploadFile, editor: Editor, rules: RulesDep, uow: UowDep, accept_partial: bool = False
):
    """Import institutions from CSV or .xlsx; any bad row rejects the whole file unless
    `accept_partial=true`, and the report names every bad row (row, field, reason)."""
    content = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise HTTPException(413, "文件过大 (file larger than 50 MB; split it)")
    command = service.ImportFile(file.filename or "", content, editor, rules, accept_partial)
    try:
        # Thousands of rows are checked and written: off the event loop.
        return await run_in_threadpool(service.import_file, command, uow)
    except FileRejected as rejected:
        return JSONResponse(status_code=422, content=rejected.report.model_dump())


@router.get("/export")
def export_file(
    reader: Reader, filters: Filters, uow: UowDep, format: Annotated[FileFormat, Query()] = "csv"
):
    """Every institution matching the search, as a file that imports again."""
    exported = service.export(reader, filters, format, uow)
    disposition = f'attachment; filename="{exported.filename}"'
    return Response(
        exported.content,
        media_type=exported.media_type,
        headers={"Content-Disposition": disposition},
    )
