"""Every answer carries the security headers; the policy lets the console log in at Keycloak."""

from __future__ import annotations

import pytest

from gateway.settings import GatewaySettings
from tests.fast.gateway.edge import Services, bearer, gateway

pytestmark = pytest.mark.unit

ISSUER = "https://id.example.gov.cn/realms/governance"


def answers(settings: GatewaySettings) -> dict[str, dict[str, str]]:
    out = {}
    for client in gateway(settings, Services(settings)):
        out["forwarded"] = client.get("/api/enforcement/tasks", headers=bearer("edu_officer"))
        out["refused"] = client.get("/api/enforcement/tasks")
        out["public"] = client.get("/public/lists/white")
        out["docs"] = client.get("/docs")
    return {name: dict(reply.headers) for name, reply in out.items()}


def test_every_answer_is_protected_and_keycloak_may_be_reached_for_login():
    headers = answers(GatewaySettings(otel_exporter="none", oidc_issuer=ISSUER))
    for name in ("forwarded", "refused", "public"):
        got = headers[name]
        assert got["x-content-type-options"] == "nosniff", name
        assert got["x-frame-options"] == "SAMEORIGIN"
        assert got["referrer-policy"] == "no-referrer"
        policy = dict(
            part.strip().split(" ", 1) for part in got["content-security-policy"].split(";")
        )
        assert policy["script-src"] == "'self'"
        assert policy["connect-src"] == "'self' https://id.example.gov.cn"
        assert policy["frame-src"] == "'self' https://id.example.gov.cn"
        assert policy["frame-ancestors"] == "'self'"
        assert "strict-transport-security" not in got
    # Swagger UI comes from its CDN: that page alone has a policy that allows it.
    assert "https://cdn.jsdelivr.net" in headers["docs"]["content-security-policy"]
    assert headers["docs"]["x-content-type-options"] == "nosniff"


def test_hsts_only_when_served_over_https():
    headers = answers(GatewaySettings(otel_exporter="none", served_over_https=True))
    assert headers["public"]["strict-transport-security"].startswith("max-age=31536000")
