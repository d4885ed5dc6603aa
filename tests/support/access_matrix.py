"""The authorization matrix, generated: every operation the gateway's route table reads from
each service's own OpenAPI document (with the roles it admits) × every demo user and machine
client of the realm file × no token, and where the things it asks about lie."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from gateway.operations import Operations
from govkit.principal import Principal
from tests.fast.support import PEOPLE, REALM_FILE
from tests.support.tokens import client_token, user_token

PARAMETER = re.compile(r"{([^}]+)}")
MACHINE_PREFIX = "service-account-"


@dataclass(frozen=True)
class Operation:
    service: str
    method: str
    path: str  # the service's own path template
    roles: frozenset[str]  # empty: anyone with a token
    public: bool  # served without a token (the lists)

    def addressing(self, values: dict[str, str]) -> str | None:
        """The path naming one thing by `values`, or None if it names nothing or not that."""
        names = PARAMETER.findall(self.path)
        if not names or not all(name in values for name in names):
            return None
        return PARAMETER.sub(lambda m: values[m.group(1)], self.path)

    def placeholders(self, value: str) -> str:
        return PARAMETER.sub(value, self.path)


@dataclass(frozen=True)
class Caller:
    name: str
    principal: Principal | None  # None: no token
    headers: dict[str, str]


def operations(service: str, document: dict) -> list[Operation]:
    """The service's operations as the gateway's route table reads them from its document."""
    public = {
        (method.upper(), path)
        for path, by_method in document["paths"].items()
        for method, operation in by_method.items()
        if not operation.get("security")
    }
    return [
        Operation(service, op.method, op.path, op.roles, (op.method, op.path) in public)
        for op in Operations.from_document(service, document).items
    ]


def callers() -> list[Caller]:
    """No token, each person of the realm (console login), each machine client (its secret)."""
    secrets = {
        c["clientId"]: c.get("secret") for c in json.loads(REALM_FILE.read_text())["clients"]
    }
    out = [Caller("no token", None, {})]
    for name, principal in PEOPLE.items():
        if name.startswith(MACHINE_PREFIX):
            client = name.removeprefix(MACHINE_PREFIX)
            token = client_token(client, secrets[client])
        else:
            token = user_token(name)
        out.append(Caller(name, principal, {"Authorization": f"Bearer {token}"}))
    return out


@dataclass(frozen=True)
class Seeded:
    """A thing the matrix asks about: its id, the path parameters naming it, where it lies.

    A caller bound elsewhere (another district, township, grid, unit, or a department not in
    `departments` when that is given), or holding none of `roles` when given, is outside.
    """

    id: str
    parameters: dict[str, str]
    district: str
    township: str
    grid: str
    departments: frozenset[str] | None = None
    unit: str | None = None
    roles: frozenset[str] | None = None

    def outside(self, who: Principal) -> bool:
        if self.roles is not None and not who.has_any_role(self.roles):
            return True
        return any(
            bound is not None and bound != here
            for bound, here in (
                (who.district, self.district),
                (who.township, self.township),
                (who.grid, self.grid),
                (who.institution_id, self.unit),
            )
        ) or (
            self.departments is not None
            and who.department is not None
            and who.department not in self.departments
        )


CASE_ROLES = frozenset(
    {
        "grid_worker",
        "township_officer",
        "district_officer",
        "department_officer",
        "department_lead",
        "leader",
        "admin",
    }
)
