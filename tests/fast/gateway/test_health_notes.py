"""The gateway's /health shows what a service notes beyond up and down (the working calendar's
reach), and a warning there never turns the platform down."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from gateway.app import create_app
from gateway.settings import GatewaySettings

pytestmark = pytest.mark.unit

WARNING = (
    "warning: 工作日历仅载入至 2026-12-31，请载入 2027 年 "
    "(working calendar loaded up to 2026-12-31; load 2027)"
)


def every_component_up(request: httpx.Request) -> httpx.Response:
    """Each service up; workflows also notes the calendar's reach, as its /health does."""
    if request.url.port == 8103:
        body = {"service": "workflows", "status": "up", "temporal": "up", "kafka": "up"}
        return httpx.Response(200, json=body | {"calendar": WARNING})
    return httpx.Response(200, json={"status": "up", "kafka": "up", "database": "up"})


def test_the_calendar_warning_shows_and_the_platform_stays_up():
    settings = GatewaySettings(otel_exporter="none")
    app = create_app(settings, transport=httpx.MockTransport(every_component_up))
    with TestClient(app) as client:
        reply = client.get("/health")
    assert reply.status_code == 200
    body = reply.json()
    assert body["status"] == "up"
    assert body["components"]["workflows"] == {
        "status": "up",
        "url": "http://127.0.0.1:8103/health",
        "calendar": WARNING,
    }
    assert body["warnings"] == [f"workflows calendar: {WARNING}"]
    assert "calendar" not in body["components"]["patrol"]
