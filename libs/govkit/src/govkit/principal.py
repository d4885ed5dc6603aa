"""Who is calling and where they may look: roles, the verified principal, jurisdiction scopes.

No web or token library here, so every domain can name roles and scopes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
        return {
            f.name: value for f in fields(self) if (value := getattr(self, f.name)) is not None
        }

    def admits(self, row: object) -> bool:
        """Whether a row (anything with these attributes) lies inside the scope."""
        return all(getattr(row, column) == value for column, value in self.filters().items())


CITY = Scope()
