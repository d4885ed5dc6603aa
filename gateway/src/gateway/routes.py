"""Which service answers which path prefix, and which realm roles may reach it at all.

The gateway's role check is the outer lock; each service checks the token and the finer
rules (department, jurisdiction) again.
"""

from __future__ import annotations

from dataclasses import dataclass

from gateway.settings import GatewaySettings


@dataclass(frozen=True)
class ServiceRoute:
    name: str
    base_url: str
    roles: frozenset[str]


OVERSEERS = frozenset({"district_officer", "leader", "admin"})
DEPARTMENTS = frozenset({"department_officer", "department_lead"})
CASEWORKERS = DEPARTMENTS | {"township_officer"} | OVERSEERS


def service_routes(settings: GatewaySettings) -> dict[str, ServiceRoute]:
    routes = (
        ServiceRoute(
            "patrol", settings.patrol_url, OVERSEERS | {"grid_worker", "township_officer"}
        ),
        ServiceRoute("enforcement", settings.enforcement_url, CASEWORKERS),
        ServiceRoute("workflows", settings.workflows_url, CASEWORKERS),
        ServiceRoute(
            "institutions", settings.institutions_url, CASEWORKERS | {"grid_worker", "inspector"}
        ),
        ServiceRoute("risk", settings.risk_url, CASEWORKERS | {"inspector"}),
        ServiceRoute(
            "oversight",
            settings.oversight_url,
            OVERSEERS | {"department_lead", "township_officer"},
        ),
    )
    return {route.name: route for route in routes}
