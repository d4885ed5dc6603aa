"""A service with a stuck consumer group says `degraded`: the gateway's /health shows which
component and its groups, and the platform is `degraded`, not down."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from gateway.app import create_app
from gateway.settings import GatewaySettings

pytestmark = pytest.mark.unit

STUCK = {
    "enforcement": {
        "status": "degraded",
        "lag": {"enforcement.commands": 7},
        "parked": 1,
        "skipped": {},
    }
}


def enforcement_stuck(request: httpx.Request) -> httpx.Response:
    if request.url.port == 8102:
        body = {"service": "enforcement", "status": "degraded", "kafka": "up", "database": "up"}
        return httpx.Response(200, json=body | {"consumers": STUCK})
    if request.url.port == 8103:
        return httpx.Response(200, json={"status": "up", "kafka": "up", "temporal": "up"})
    return httpx.Response(200, json={"status": "up", "kafka": "up", "database": "up"})


def test_a_stuck_consumer_group_shows_and_the_platform_is_degraded_not_down():
    settings = GatewaySettings(otel_exporter="none")
    app = create_app(settings, transport=httpx.MockTransport(enforcement_stuck))
    with TestClient(app) as client:
        reply = client.get("/health")
    assert reply.status_code == 200
    body = reply.json()
    assert body["status"] == "degraded"
    assert body["components"]["enforcement"] == {
        "status": "degraded",
        "url": "http://127.0.0.1:8102/health",
        "consumers": STUCK,
    }
    assert body["components"]["patrol"]["status"] == "up"
