"""Bulk import from CSV/.xlsx and export of any search result."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, UploadFile
from fastapi.responses import JSONResponse, StreamingResponse

from govkit.exports import DOWNLOAD, download
from govkit.http import UowDep, read_upload
from govkit.spreadsheets import LIMITS
from institutions import service
from institutions.api.shared import Editor, Filters, Reader, RulesDep
from institutions.domain.importing import FileRejected, ImportReport
from institutions.tabular import FileFormat, HeaderLanguage

router = APIRouter(prefix="/institutions", tags=["import and export"])

REJECTED: dict[int | str, dict[str, Any]] = {
    422: {"model": ImportReport, "description": "Bad rows; nothing was imported"}
}


@router.post("/import", response_model=ImportReport, responses=REJECTED)
def import_file(
    file: UploadFile, editor: Editor, rules: RulesDep, uow: UowDep, accept_partial: bool = False
):
    """Import institutions from CSV or .xlsx; any bad row rejects the whole file unless
    `accept_partial=true`, and the report names the bad rows (row, field, reason): the first
    100 problems and how many in all. Files are read within `govkit.spreadsheets.LIMITS`."""
    # A sync route: FastAPI runs it in a worker thread, and the file is read in a process.
    content = read_upload(file, LIMITS.upload_bytes)
    command = service.ImportFile(file.filename or "", content, editor, rules, accept_partial)
    try:
        return service.import_file(command, uow)
    except FileRejected as rejected:
        return JSONResponse(status_code=422, content=rejected.report.model_dump())


@router.get("/export", response_class=StreamingResponse, responses=DOWNLOAD)
def export_file(
    reader: Reader,
    filters: Filters,
    uow: UowDep,
    format: Annotated[FileFormat, Query()] = "csv",
    headers: Annotated[
        HeaderLanguage,
        Query(description="en: the field names (default); zh: Chinese headers (统一社会信用代码…)"),
    ] = "en",
):
    """Every institution matching the search, as a file that imports again: the import reads
    the English field names and the Chinese headers alike; the cells are the same codes."""
    chunks = service.export(service.Export(reader, filters, format, headers), uow)
    return download(chunks, format, "机构名录", "institutions")
