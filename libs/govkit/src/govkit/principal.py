"""Who is calling and where they may look: roles, the verified principal, jurisdiction scopes.

No web or token library here, so every domain can name roles and scopes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """The realm roles of `governance`: what a person may do."""

    GRID_WORKER = "grid_worker"
    TOWNSHIP_OFFICER = "township_officer"
    DISTRICT_OFFICER = "district_officer"
    DEPARTMENT_OFFICER = "department_officer"
    DEPARTMENT_LEAD = "department_lead"
    INSPECTOR = "inspector"
    INSTITUTION_STAFF = "institution_staff"
    LEADER = "leader"
    ADMIN = "admin"
    BANK = "bank"  # a supervising bank's machine client: its own accounts' daily batches


CITY_WIDE_ROLES = frozenset({Role.LEADER, Role.ADMIN})
DEPARTMENT_ROLES = frozenset({Role.DEPARTMENT_OFFICER, Role.DEPARTMENT_LEAD})

NOWHERE = "-"
"""The value of a scope field whose token attribute is missing: it matches no row."""


@dataclass(frozen=True)
class Principal:
    """Who is calling: realm roles say what they may do, attributes say where."""

    subject: str
    username: str
    roles: frozenset[str]
    department: str | None = None
    district: str | None = None
    township: str | None = None
    grid: str | None = None
    # institution_staff only: the unit's code (an institution's credit code, a school's code).
    institution_id: str | None = None
    # bank's service accounts only: the bank whose supervised accounts it reports.
    bank: str | None = None

    def has_any_role(self, roles: Iterable[str]) -> bool:
        return not self.roles.isdisjoint(roles)

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    @property
    def city_wide(self) -> bool:
        return self.has_any_role(CITY_WIDE_ROLES)

    @classmethod
    def from_claims(cls, claims: Mapping[str, Any]) -> Principal:
        return cls(
            subject=claims["sub"],
            username=claims.get("preferred_username", claims["sub"]),
            roles=frozenset(claims.get("realm_access", {}).get("roles", [])),
            department=claims.get("department"),
            district=claims.get("district"),
            township=claims.get("township"),
            grid=claims.get("grid"),
            institution_id=claims.get("institution_id"),
            bank=claims.get("bank"),
        )


@dataclass(frozen=True)
class Scope:
    """The rows a caller may see: each field that is set must match; none set is city-wide."""

    district: str | None = None
    township: str | None = None
    grid: str | None = None
    department: str | None = None
    reporter: str | None = None

    @classmethod
    def bounded(cls, **attributes: str | None) -> Scope:
        """A scope on these attributes; a missing one narrows to nowhere, never widens."""
        return cls(**{name: value or NOWHERE for name, value in attributes.items()})

    @property
    def city_wide(self) -> bool:
        return not self.filters()

    def filters(self) -> dict[str, str]:
        """Column → value for every bound field."""
        return {f.name: value for f in fields(self) if (value := getattr(self, f.name)) is not None}

    def admits(self, row: object) -> bool:
        """Whether a row (anything with these attributes) lies inside the scope."""
        return all(getattr(row, column) == value for column, value in self.filters().items())


CITY = Scope()


def task_scope(principal: Principal) -> Scope:
    """A department's tasks in its district; a district's, a township's, a grid's, the city's.

    Enforcement reads cases and tasks with it; the gateway's live stream decides the same way.
    """
    if principal.city_wide:
        return CITY
    if principal.has_any_role(DEPARTMENT_ROLES):
        return Scope.bounded(department=principal.department, district=principal.district)
    if principal.has_role(Role.DISTRICT_OFFICER):
        return Scope.bounded(district=principal.district)
    if principal.has_role(Role.GRID_WORKER):
        return Scope.bounded(township=principal.township, grid=principal.grid)
    return Scope.bounded(township=principal.township)


def bounds_the_case(scope: Scope) -> bool:
    """The city's, a district's, a township's and a grid's scope match the case itself; a
    department's its tasks. Every task of a case is dispatched in the case's own district, so
    a district's cases are the cases of its tasks, read without going through the tasks."""
    return set(scope.filters()) <= {"district", "township", "grid"}


def case_in_scope(scope: Scope, case: object, case_tasks: Sequence[object]) -> bool:
    """A case is seen by its township, its district, the city, and every department called."""
    if bounds_the_case(scope):
        return scope.admits(case)
    return any(scope.admits(task) for task in case_tasks)


def incident_scope(principal: Principal) -> Scope:
    """Own reports for a grid worker; the township, the district, or the city for the others.

    Patrol reads incidents with it; the gateway's live stream decides the same way.
    """
    return overseen_area(principal) or Scope.bounded(reporter=principal.username)


def overseen_area(principal: Principal) -> Scope | None:
    """The city, district or township an officer oversees; None for anyone else."""
    if principal.city_wide:
        return CITY
    if principal.has_role(Role.DISTRICT_OFFICER):
        return Scope.bounded(district=principal.district)
    if principal.has_role(Role.TOWNSHIP_OFFICER):
        return Scope.bounded(township=principal.township)
    return None
