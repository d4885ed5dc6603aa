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


def service_routes(settings: GatewaySettings) -> dict[str, ServiceRoute]:
    routes = (
        ServiceRoute(
            "patrol",
            settings.patrol_url,
            frozenset({"grid_worker", "township_officer", "district_officer", "leader", "admin"}),
        ),
        ServiceRoute(
            "enforcement",
            settings.enforcement_url,
            frozenset(
                {
                    "department_officer",
                    "department_lead",
                    "township_officer",
                    "district_officer",
                    "leader",
                    "admin",
                }
            ),
        ),
        ServiceRoute(
            "workflows",
            settings.workflows_url,
            frozenset(
                {
                    "department_officer",
                    "department_lead",
                    "township_officer",
                    "district_officer",
                    "leader",
                    "admin",
                }
            ),
        ),
        ServiceRoute(
            "institutions",
            settings.institutions_url,
            frozenset(
                {
                    "grid_worker",
                    "township_officer",
                    "district_officer",
                    "department_officer",
                    "department_lead",
                    "inspector",
                    "leader",
                    "admin",
                }
            ),
        ),
        ServiceRoute(
            "risk",
            settings.risk_url,
            frozenset(
                {
                    "township_officer",
                    "district_officer",
                    "department_officer",
                    "department_lead",
                    "inspector",
                    "leader",
                    "admin",
                }
            ),
        ),
        ServiceRoute(
            "oversight",
            settings.oversight_url,
            frozenset(
                {"department_lead", "township_officer", "district_officer", "leader", "admin"}
            ),
        ),
    )
    return {route.name: route for route in routes}
