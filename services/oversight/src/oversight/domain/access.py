"""Who may read the leadership metrics, and over which department tasks."""

from __future__ import annotations

from dataclasses import replace

from govkit.principal import CITY, CITY_WIDE_ROLES, NOWHERE, Principal, Role, Scope

VIEWER_ROLES = CITY_WIDE_ROLES | {
    Role.DISTRICT_OFFICER,
    Role.TOWNSHIP_OFFICER,
    Role.DEPARTMENT_LEAD,
}


def metrics_scope(principal: Principal) -> Scope:
    """The city, a district, a township, or a department lead's department in their district."""
    if principal.city_wide:
        return CITY
    if principal.has_role(Role.DISTRICT_OFFICER):
        return Scope.bounded(district=principal.district)
    if principal.has_role(Role.TOWNSHIP_OFFICER):
        return Scope.bounded(district=principal.district, township=principal.township)
    return Scope.bounded(district=principal.district, department=principal.department)


def narrowed(scope: Scope, district: str | None) -> Scope:
    """The scope with a district filter: it narrows a city-wide scope, never widens another."""
    if district is None or scope.district == district:
        return scope
    return replace(scope, district=district if scope.district is None else NOWHERE)
