"""Which service answers which path prefix, and which realm roles may reach it at all.

The gateway's role check is the outer lock; each service checks the token and the finer
rules (department, jurisdiction) again.
"""

from __future__ import annotations

from dataclasses import dataclass

from gateway.settings import GatewaySettings
from govkit.principal import CITY_WIDE_ROLES, DEPARTMENT_ROLES, Role


@dataclass(frozen=True)
class ServiceRoute:
    name: str
    base_url: str
    roles: frozenset[str]


PUBLIC_SERVICE, PUBLIC_PREFIX = "institutions", "/public/lists"
"""The one service path the gateway also serves without a token: parents read the lists."""

OVERSEERS = CITY_WIDE_ROLES | {Role.DISTRICT_OFFICER}
CASEWORKERS = DEPARTMENT_ROLES | {Role.TOWNSHIP_OFFICER} | OVERSEERS


def service_routes(settings: GatewaySettings) -> dict[str, ServiceRoute]:
    routes = (
        # Departments reach patrol only for the grids their map draws (its operations say so).
        ServiceRoute("patrol", settings.patrol_url, CASEWORKERS | {Role.GRID_WORKER}),
        # Grid workers read their grid's cases, confirm them on site and rate their reports.
        ServiceRoute("enforcement", settings.enforcement_url, CASEWORKERS | {Role.GRID_WORKER}),
        # Everyone logged in reads the working calendar; whistles check their own scope.
        ServiceRoute("workflows", settings.workflows_url, frozenset(Role)),
        ServiceRoute(
            "institutions",
            settings.institutions_url,
            CASEWORKERS | {Role.GRID_WORKER, Role.INSPECTOR},
        ),
        # Banks' machine clients reach risk to send their batches; risk checks which accounts.
        ServiceRoute("risk", settings.risk_url, CASEWORKERS | {Role.INSPECTOR, Role.BANK}),
        ServiceRoute(
            "oversight",
            settings.oversight_url,
            OVERSEERS | {Role.DEPARTMENT_LEAD, Role.TOWNSHIP_OFFICER},
        ),
        # An institution's staff reach their own unit's orders here and nothing else.
        ServiceRoute(
            "inspections",
            settings.inspections_url,
            OVERSEERS | {Role.TOWNSHIP_OFFICER, Role.INSPECTOR, Role.INSTITUTION_STAFF},
        ),
    )
    return {route.name: route for route in routes}
