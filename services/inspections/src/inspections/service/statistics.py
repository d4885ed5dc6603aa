"""The statistics table for a township, a district or the city, on screen or as a file."""

from __future__ import annotations

from govkit.principal import Principal
from inspections import tabular
from inspections.domain.access import narrowed, reach_of
from inspections.domain.statistics import (
    ROWS_BY,
    Level,
    StatisticsRequest,
    StatisticsTable,
    period_of,
    table_of,
)
from inspections.service.common import Uow

MAIN_PROBLEMS = 3


def statistics(request: StatisticsRequest, reader: Principal, uow: Uow) -> StatisticsTable:
    """Counted in the database: a row per district (city) or township, and the total."""
    reach = narrowed(reach_of(reader), request.district, request.township)
    period = period_of(request)
    with uow:
        by_unit = uow.repo.tallies(reach, period, ROWS_BY[request.level])
        overall = uow.repo.inspectors_overall(reach, period)
        main = uow.repo.main_problems(reach, period, MAIN_PROBLEMS)
    return table_of(request, by_unit, overall, main)


def statistics_file(
    request: StatisticsRequest, reader: Principal, file_format: tabular.FileFormat, uow: Uow
) -> tabular.SpreadsheetFile:
    """The table as the annex's .xlsx form (and a row per unit), or as CSV."""
    table = statistics(request, reader, uow)
    reporting_unit = {
        Level.CITY: "市",
        Level.DISTRICT: request.district or "",
        Level.TOWNSHIP: f"{request.district} {request.township}",
    }[request.level]
    return tabular.statistics_file(table, reporting_unit, file_format)
