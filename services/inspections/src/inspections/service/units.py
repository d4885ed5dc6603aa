"""Units: institutions learned from the registry, and who sees which."""

from __future__ import annotations

from contracts.events import InstitutionRegistered
from govkit.http import PageParams
from govkit.principal import Principal
from inspections.domain.access import reach_of
from inspections.domain.search import UnitFilters
from inspections.domain.units import UnitData, unit_from_registration
from inspections.service.common import Uow, visible
from inspections.store.tables import Unit


def learn_institution(event: InstitutionRegistered, uow: Uow) -> None:
    """A training institution entered the registry: inspectors may now be listed for it."""
    data = unit_from_registration(event)
    if data is not None:
        save_unit(data, uow)


def save_unit(data: UnitData, uow: Uow) -> Unit:
    """Add the unit, or bring a known one up to date (an address once given is kept)."""
    unit = uow.repo.unit(data.unit_id)
    fields = data.model_dump(mode="json")
    if unit is None:
        unit = Unit(**fields)
    else:
        for name, value in fields.items():
            if name != "address" or value:
                setattr(unit, name, value)
    uow.repo.add(unit)
    return unit


def units(
    reader: Principal, filters: UnitFilters, page: PageParams, uow: Uow
) -> tuple[list[Unit], int]:
    with uow:
        return uow.repo.units(reach_of(reader), filters, page)


def unit(unit_id: str, reader: Principal, uow: Uow) -> Unit:
    with uow:
        return visible(uow.repo.unit(unit_id), reader, uow, f"unit {unit_id}")
