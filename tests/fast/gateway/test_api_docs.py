"""The gateway's /openapi.json merges the services' documents; one that is down is reported."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from gateway.app import create_app
from gateway.settings import GatewaySettings

pytestmark = pytest.mark.unit

ERROR = {"type": "object", "properties": {"detail": {"type": "string"}}}


def service_document(department: list[str], path: str, body: str) -> dict:
    """A service's own document: one POST taking `body`, answering the shared error shape."""
    ref = {"$ref": f"#/components/schemas/{body}"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "a service", "version": "0.1.0"},
        "paths": {
            path: {
                "post": {
                    "tags": ["things"],
                    "operationId": "create_thing",
                    "security": [{"HTTPBearer": []}],
                    "requestBody": {"content": {"application/json": {"schema": ref}}},
                    "responses": {
                        "200": {"content": {"application/json": {"schema": ref}}},
                        "422": {
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            }
                        },
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Department": {"type": "string", "enum": department},
                body: {
                    "type": "object",
                    "properties": {"department": {"$ref": "#/components/schemas/Department"}},
                },
                "Error": ERROR,
                # Written alike everywhere, but its Department is each service's own.
                "Filter": {"properties": {"by": {"$ref": "#/components/schemas/Department"}}},
            },
            "securitySchemes": {"HTTPBearer": {"type": "http", "scheme": "bearer"}},
        },
    }


class Services:
    """Stands for the services behind the gateway (the others serve no operation); `down` ones
    refuse the connection."""

    def __init__(self, settings: GatewaySettings) -> None:
        self.documents = {
            settings.patrol_url: service_document(["education"], "/incidents", "Incident"),
            settings.enforcement_url: service_document(["education", "sports"], "/tasks", "Task"),
            settings.institutions_url: service_document(
                ["education"], "/public/lists/{list_status}", "Entry"
            ),
        }
        self.down: set[str] = set()
        self.fetches = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        base = f"{request.url.scheme}://{request.url.netloc.decode()}"
        if base in self.down:
            raise httpx.ConnectError("refused", request=request)
        self.fetches += 1
        return httpx.Response(200, json=self.documents.get(base, {"paths": {}}))


@pytest.fixture
def settings() -> GatewaySettings:
    return GatewaySettings(otel_exporter="none", docs_cache_seconds=300)


@pytest.fixture
def services(settings) -> Services:
    return Services(settings)


@pytest.fixture
def client(settings, services):
    app = create_app(settings, transport=httpx.MockTransport(services.handle))
    with TestClient(app) as client:
        yield client


def test_every_operation_is_served_under_the_gateway_path_with_its_schemas(client):
    document = client.get("/openapi.json").json()
    task = document["paths"]["/api/enforcement/tasks"]["post"]
    assert task["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Task"
    }
    # The two services' Department differ, so each keeps its own, and Task points to its own.
    schemas = document["components"]["schemas"]
    assert schemas["Task"]["properties"]["department"] == {
        "$ref": "#/components/schemas/enforcement.Department"
    }
    assert schemas["enforcement.Department"]["enum"] == ["education", "sports"]
    assert schemas["patrol.Department"]["enum"] == ["education"]
    assert "Department" not in schemas
    assert "Filter" not in schemas
    assert schemas["patrol.Filter"]["properties"]["by"] == {
        "$ref": "#/components/schemas/patrol.Department"
    }
    # The error shape is alike everywhere: one schema, one name.
    assert schemas["Error"] == ERROR
    assert task["operationId"] == "enforcement_create_thing"
    assert task["tags"] == ["enforcement: things"]
    assert "/api/{service}/{path}" not in document["paths"]


def test_the_public_lists_appear_at_the_public_path_without_a_token(client):
    paths = client.get("/openapi.json").json()["paths"]
    public = paths["/public/lists/{list_status}"]["post"]
    assert public["security"] == []
    assert public["operationId"] == "public_create_thing"
    assert paths["/api/institutions/public/lists/{list_status}"]["post"]["security"] == [
        {"HTTPBearer": []}
    ]


def test_a_service_that_is_down_is_reported_and_asked_again(client, services, settings):
    services.down.add(settings.enforcement_url)
    first = client.get("/openapi.json")
    assert first.status_code == 200
    document = first.json()
    assert "enforcement" in document["x-unavailable"]
    assert "/api/patrol/incidents" in document["paths"]
    assert not any(path.startswith("/api/enforcement/") for path in document["paths"])
    assert "enforcement" in document["info"]["description"]

    services.down.clear()
    again = client.get("/openapi.json").json()
    assert "x-unavailable" not in again
    assert "/api/enforcement/tasks" in again["paths"]


def test_a_complete_document_is_kept_for_the_cache_time(client, services):
    client.get("/openapi.json")
    fetched = services.fetches
    client.get("/openapi.json")
    assert services.fetches == fetched


def test_docs_and_asyncapi_are_served(client):
    assert "/openapi.json" in client.get("/docs").text
    events = client.get("/asyncapi.json").json()
    assert events["channels"]["patrol_incidents"]["address"] == "patrol.incidents"
