"""Who may do what, and how far each caller sees: area, listed units, or one unit's orders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from govkit.errors import NotAllowed
from govkit.principal import CITY, CITY_WIDE_ROLES, NOWHERE, Principal, Role, Scope

OVERSEER_ROLES = frozenset({Role.DISTRICT_OFFICER, Role.TOWNSHIP_OFFICER}) | CITY_WIDE_ROLES
READER_ROLES = OVERSEER_ROLES | {Role.INSPECTOR}
ORDER_READER_ROLES = READER_ROLES | {Role.INSTITUTION_STAFF}
ORGANISER_ROLES = frozenset({Role.DISTRICT_OFFICER, Role.ADMIN})
INSPECTOR_ROLES = frozenset({Role.INSPECTOR})
STAFF_ROLES = frozenset({Role.INSTITUTION_STAFF})


class Located(Protocol):
    """A row about one unit: where it is and which unit it is."""

    district: str
    township: str
    unit_id: str
    unit_code: str


@dataclass(frozen=True)
class Reach:
    """How far a caller sees: an area, an inspector's listed units, or a staff member's unit."""

    area: Scope
    inspector: str | None = None
    unit_code: str | None = None

    def admits(self, row: Located, *, listed: bool) -> bool:
        """Whether `row` is in reach; `listed` says if the inspector is listed for its unit."""
        if not self.area.admits(row):
            return False
        if self.inspector is not None and not listed:
            return False
        return self.unit_code is None or row.unit_code == self.unit_code


def reach_of(principal: Principal) -> Reach:
    """City, district or township for overseers; listed units for inspectors; own unit for staff."""
    if principal.city_wide:
        return Reach(CITY)
    if principal.has_role(Role.DISTRICT_OFFICER):
        return Reach(Scope.bounded(district=principal.district))
    if principal.has_role(Role.TOWNSHIP_OFFICER):
        return Reach(Scope.bounded(district=principal.district, township=principal.township))
    if principal.has_role(Role.INSPECTOR):
        return Reach(Scope.bounded(district=principal.district), inspector=principal.username)
    if principal.has_role(Role.INSTITUTION_STAFF):
        return Reach(CITY, unit_code=principal.institution_id or NOWHERE)
    return Reach(Scope.bounded(district=None))


def organiser_district(principal: Principal, district: str | None) -> str | None:
    """The district an organiser acts in: their own, or the one an admin names (None if none)."""
    if principal.has_role(Role.ADMIN):
        return district
    return principal.district if district in (None, principal.district) else None


def narrowed(reach: Reach, district: str | None, township: str | None) -> Reach:
    """The reach limited to a requested district and township, which must lie inside it."""
    area = reach.area
    if area.district not in (None, district) or area.township not in (None, township):
        raise NotAllowed(
            "超出管辖范围 (outside your area: ask for your own district"
            + (f" {area.district}" if area.district else "")
            + (f" and township {area.township}" if area.township else "")
            + ")"
        )
    bounded = Scope(district=district, township=township)
    return Reach(bounded, inspector=reach.inspector, unit_code=reach.unit_code)
