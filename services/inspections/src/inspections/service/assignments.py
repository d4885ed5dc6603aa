"""挂牌督学: importing who is listed for which unit, and reading the lists."""

from __future__ import annotations

from dataclasses import dataclass

from govkit.errors import NotAllowed
from govkit.http import PageParams
from govkit.principal import Principal
from govkit.row_errors import reported
from inspections import tabular
from inspections.domain.access import organiser_district, reach_of
from inspections.domain.assignments import (
    COLUMNS,
    FileRejected,
    ImportReport,
    UnitType,
    check_rows,
)
from inspections.domain.units import UnitData
from inspections.service.common import Uow
from inspections.service.units import save_unit
from inspections.store.tables import Assignment


@dataclass(frozen=True)
class ImportAssignments:
    filename: str
    content: bytes
    organiser: Principal
    district: str | None = None
    accept_partial: bool = False


def import_assignments(command: ImportAssignments, uow: Uow) -> ImportReport:
    """Every row checked first; a bad row rejects the file unless partial imports are accepted."""
    district = organiser_district(command.organiser, command.district)
    if district is None:
        raise NotAllowed(
            "须指定本人管辖的区 (name your own district; an admin names one with ?district=)"
        )
    rows = list(tabular.read_rows(command.filename, command.content, COLUMNS))
    codes = {
        row.get("code", "").upper()
        for _, row in rows
        if row.get("unit_type") == UnitType.INSTITUTION.value
    }
    with uow:
        known = {
            code: UnitData.model_validate(unit)
            for code, unit in uow.repo.units_by_code(codes).items()
        }
        listings, errors = check_rows(rows, district=district, institutions=known)
        report = ImportReport(assigned=0, unchanged=0, **reported(errors))
        if errors and not command.accept_partial:
            raise FileRejected(report)
        for listing in listings:
            unit = save_unit(listing.unit, uow)
            if uow.repo.listed(listing.inspector, unit.unit_id):
                report.unchanged += 1
                continue
            uow.repo.add(
                Assignment(
                    assignment_id=uow.new_id(),
                    inspector=listing.inspector,
                    unit_id=unit.unit_id,
                    unit_code=unit.unit_code,
                    district=unit.district,
                    township=unit.township,
                    assigned_by=command.organiser.username,
                    assigned_at=uow.now,
                )
            )
            report.assigned += 1
        uow.commit()
    return report


def assignments(reader: Principal, page: PageParams, uow: Uow) -> tuple[list[Assignment], int]:
    with uow:
        return uow.repo.assignments(reach_of(reader), page)
