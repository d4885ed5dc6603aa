"""The statistics table (“双减”督导有关情况统计表) as JSON, CSV or the annex's .xlsx."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from govkit.http import UowDep
from inspections.api.shared import Reader
from inspections.domain.statistics import StatisticsRequest, StatisticsTable
from inspections.service import statistics

router = APIRouter(prefix="/statistics", tags=["statistics"])


@router.get("", response_model=StatisticsTable)
def read_statistics(
    request: Annotated[StatisticsRequest, Query()],
    reader: Reader,
    uow: UowDep,
    format: Literal["json", "csv", "xlsx"] = "json",
):
    """`level=city` (a row per district), `district` (per township, needs `district`) or
    `township` (needs both); `from`/`to` are dates in Asia/Shanghai, inclusive. Problems found
    = rectified + being rectified in every row and the total."""
    if format == "json":
        return statistics.statistics(request, reader, uow)
    exported = statistics.statistics_file(request, reader, format, uow)
    return Response(
        exported.content,
        media_type=exported.media_type,
        headers={"Content-Disposition": f'attachment; filename="{exported.filename}"'},
    )
