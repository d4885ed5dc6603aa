"""The gateway's health page shows every component of the platform and every consumer group."""

from __future__ import annotations

import httpx
import pytest

from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e

SERVICES = (
    "patrol",
    "enforcement",
    "workflows",
    "institutions",
    "risk",
    "oversight",
    "inspections",
)


async def test_gateway_health_shows_every_component_up(gateway):
    reply = await gateway.get("/health")
    assert reply.status_code == 200, reply.text
    components = reply.json()["components"]
    assert {name: c["status"] for name, c in components.items()} == {
        name: "up" for name in ("keycloak", *SERVICES, "kafka", "temporal", "database")
    }


async def test_gateway_health_shows_each_services_consumer_groups(platform, gateway):
    groups = await eventually(lambda: consumer_groups(gateway), what="every service's consumers")
    for group, entry in groups.items():
        assert entry["status"] == "up", group
        assert set(entry) == {"status", "lag", "parked", "skipped"}, group
        assert all(topic.startswith(platform.topic_prefix) for topic in entry["lag"]), group
    assert set(groups[f"workflows-{platform.run_id}"]["lag"]) == {
        f"{platform.topic_prefix}patrol.incidents",
        f"{platform.topic_prefix}enforcement.cases",
    }


async def consumer_groups(gateway: httpx.AsyncClient) -> dict[str, dict] | None:
    """Every consumer group of the platform, as the gateway's /health shows them; None while a
    service does not answer it in time (the whole platform shares this test's two cores)."""
    components = (await gateway.get("/health")).json()["components"]
    if any("consumers" not in components[name] for name in SERVICES):
        return None
    groups = {
        group: entry for name in SERVICES for group, entry in components[name]["consumers"].items()
    }
    return None if any("lag" not in entry for entry in groups.values()) else groups
