"""A gateway in front of stand-in services that declare a few operations and echo what reached
them; tokens are demo usernames (tests.fast.support.FakeVerifier)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
from fastapi.testclient import TestClient

from gateway.app import create_app
from gateway.settings import GatewaySettings
from tests.fast.support import FakeVerifier


def operation(roles: list[str] | None = None) -> dict:
    return {"operationId": "op", "security": [{"HTTPBearer": roles or []}]}


DOCUMENTS = {
    "enforcement": {
        "paths": {
            "/tasks": {"get": operation()},
            "/tasks/{task_id}": {"get": operation()},
            "/tasks/{task_id}/acknowledge": {
                "post": operation(["department_lead", "department_officer"])
            },
        }
    },
    "institutions": {
        "paths": {
            "/institutions": {"get": operation()},
            "/public/lists/{list_status}": {"get": {"operationId": "lists", "security": []}},
        }
    },
}


HEALTH_CHECKS = ("/health", "/realms/governance/.well-known/openid-configuration")


class Services:
    """Each service serves its document and echoes every other request it receives."""

    def __init__(self, settings: GatewaySettings) -> None:
        self.names = {
            httpx.URL(settings.enforcement_url).port: "enforcement",
            httpx.URL(settings.institutions_url).port: "institutions",
        }
        self.received: list[httpx.Request] = []
        self.down: set[str] = set()

    def handle(self, request: httpx.Request) -> httpx.Response:
        name = self.names.get(request.url.port)
        if name in self.down:
            raise httpx.ConnectError("refused", request=request)
        if request.url.path == "/openapi.json":
            return httpx.Response(200, json=DOCUMENTS.get(name or "", {"paths": {}}))
        if request.url.path in HEALTH_CHECKS:  # the gateway's background health checks
            return httpx.Response(200, json={"status": "up"})
        self.received.append(request)
        return httpx.Response(200, json={"path": request.url.raw_path.decode()})


def gateway(settings: GatewaySettings, services: Services) -> Iterator[TestClient]:
    app = create_app(settings, transport=httpx.MockTransport(services.handle))
    app.state.token_verifier = FakeVerifier()
    with TestClient(app) as client:
        yield client


def bearer(username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {username}"}
