"""Bulk import from CSV/.xlsx and export of any search result."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from govkit.deps import RuntimeDep
from institutions import domain
from institutions.api import Editor, Filters, Reader, RulesDep
from institutions.importing import RowError, already_registered, check_rows
from institutions.registry import Change
from institutions.store import existing_codes, search
from institutions.tabular import UnreadableFile, cells, read_rows, write_csv, write_xlsx

router = APIRouter(prefix="/institutions", tags=["import and export"])

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ImportReport(BaseModel):
    imported: int
    rejected_rows: int
    errors: list[RowError]


@router.post("/import", response_model=ImportReport)
async def import_file(
    file: UploadFile,
    editor: Editor,
    runtime: RuntimeDep,
    rules: RulesDep,
    accept_partial: bool = False,
):
    """Import institutions from CSV or .xlsx; any bad row rejects the whole file unless
    `accept_partial=true`, and the report names every bad row (row, field, reason)."""
    content = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise HTTPException(413, "文件过大 (file larger than 50 MB; split it)")
    try:
        good, errors = check_rows(read_rows(file.filename or "", content), editor)
    except UnreadableFile as exc:
        raise HTTPException(422, str(exc)) from exc
    with runtime.session() as session:
        taken = existing_codes(session, [data.credit_code for _, data in good])
        errors += already_registered(good, taken)
        good = [(number, data) for number, data in good if data.credit_code not in taken]
        errors.sort(key=lambda e: e.row)
        rejected = len({e.row for e in errors})
        if errors and not accept_partial:
            report = ImportReport(imported=0, rejected_rows=rejected, errors=errors)
            return JSONResponse(status_code=422, content=report.model_dump())
        Change(session, runtime, rules, editor, runtime.clock()).register([d for _, d in good])
        session.commit()
    runtime.relay.notify()
    return ImportReport(imported=len(good), rejected_rows=rejected, errors=errors)


@router.get("/export")
def export_file(
    reader: Reader,
    runtime: RuntimeDep,
    filters: Filters,
    format: Annotated[Literal["csv", "xlsx"], Query()] = "csv",
):
    """Every institution matching the search, as a file that imports again."""
    with runtime.session() as session:
        rows, _ = search(
            session,
            scope=domain.read_scope(reader),
            filters=filters.columns(),
            text=filters.q,
            offset=0,
            limit=None,
        )
    lines = (cells(row.data()) for row in rows)
    if format == "xlsx":
        body = write_xlsx(lines)
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, media = write_csv(lines), "text/csv; charset=utf-8"
    disposition = f'attachment; filename="institutions.{format}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})
