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


def narrowed(scope: Scope, **filters: str | None) -> Scope:
    """The scope with filters on its attributes (district, township, department): each narrows
    an open attribute to its value, and a bound one it does not match to nowhere."""
    for name, value in filters.items():
        bound = getattr(scope, name)
        if value is not None and bound != value:
            scope = replace(scope, **{name: value if bound is None else NOWHERE})
    return scope
