"""The gateway's health page shows every component of the platform."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


async def test_gateway_health_shows_every_component_up(gateway):
    reply = await gateway.get("/health")
    assert reply.status_code == 200, reply.text
    components = reply.json()["components"]
    assert {name: c["status"] for name, c in components.items()} == {
        name: "up"
        for name in (
            "keycloak",
            "patrol",
            "enforcement",
            "workflows",
            "institutions",
            "risk",
            "oversight",
            "inspections",
            "kafka",
            "temporal",
            "database",
        )
    }
