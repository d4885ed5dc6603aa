"""Who may report and who sees which incidents and leads."""

from __future__ import annotations

from govkit.principal import CITY_WIDE_ROLES, Principal, Role, Scope, overseen_area
from govkit.principal import incident_scope as incident_scope

REPORTER_ROLES = frozenset({Role.GRID_WORKER, Role.TOWNSHIP_OFFICER})
READER_ROLES = REPORTER_ROLES | {Role.DISTRICT_OFFICER} | CITY_WIDE_ROLES


def lead_scope(principal: Principal) -> Scope:
    """Patrol leads go to the institution's grid: its grid worker, township and district see them."""
    return overseen_area(principal) or Scope.bounded(
        grid=principal.grid, township=principal.township
    )
