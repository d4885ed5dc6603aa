"""Who may report and who sees which incidents and leads."""

from __future__ import annotations

from govkit.principal import CITY, CITY_WIDE_ROLES, Principal, Role, Scope

REPORTER_ROLES = frozenset({Role.GRID_WORKER, Role.TOWNSHIP_OFFICER})
READER_ROLES = REPORTER_ROLES | {Role.DISTRICT_OFFICER} | CITY_WIDE_ROLES


def incident_scope(principal: Principal) -> Scope:
    """Own reports for a grid worker; the township, the district, or the city for the others."""
    return _overseen_area(principal) or Scope.bounded(reporter=principal.username)


def lead_scope(principal: Principal) -> Scope:
    """Patrol leads go to the institution's grid: its grid worker, township and district see them."""
    return _overseen_area(principal) or Scope.bounded(
        grid=principal.grid, township=principal.township
    )


def _overseen_area(principal: Principal) -> Scope | None:
    """The city, district or township an officer oversees; None for a grid worker."""
    if principal.city_wide:
        return CITY
    if principal.has_role(Role.DISTRICT_OFFICER):
        return Scope.bounded(district=principal.district)
    if principal.has_role(Role.TOWNSHIP_OFFICER):
        return Scope.bounded(township=principal.township)
    return None
