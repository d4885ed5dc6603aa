"""The gateway forwards exactly the operations the services declare, checks each operation's
roles, and refuses any path spelling that could reach something else: 400/404/405, never 500."""

from __future__ import annotations

import pytest
from fastapi import HTTPException

from gateway.paths import segments
from gateway.settings import GatewaySettings
from tests.fast.gateway.edge import Services, bearer, gateway

pytestmark = pytest.mark.unit


@pytest.fixture
def services() -> Services:
    return Services(GatewaySettings(otel_exporter="none"))


@pytest.fixture
def client(services):
    yield from gateway(GatewaySettings(otel_exporter="none"), services)


@pytest.mark.parametrize(
    "path",
    [
        "/public/lists/..%2F..%2Fopenapi.json",
        "/public/lists/%2e%2e",
        "/public/lists/white%5C..",
        "/public/lists/%0B",
        "/public/lists/%FF",
    ],
)
def test_a_public_path_that_could_mean_another_is_refused_unforwarded(client, services, path):
    reply = client.get(path)
    assert reply.status_code == 400, reply.text
    assert "accepted:" in reply.json()["detail"]
    assert services.received == []


def test_the_public_lists_are_served_without_a_token_and_nothing_else_is(client, services):
    assert client.get("/public/lists/white").json() == {"path": "/public/lists/white"}
    assert client.get("/public/lists/white/extra").status_code == 404
    assert client.get("/public/lists").status_code == 404
    assert [r.url.path for r in services.received] == ["/public/lists/white"]


@pytest.mark.parametrize(
    ("path", "what"),
    [
        ("/api/enforcement/tasks/%0B", "control"),
        ("/api/enforcement/tasks/%E2%80%AE", "non-printable"),
        ("/api/enforcement/tasks/a%2Fb", "slash"),
        ("/api/enforcement/%2E%2E/openapi.json", "dot segment"),
    ],
)
def test_a_path_id_with_a_control_character_or_encoded_slash_is_400(client, services, path, what):
    reply = client.get(path, headers=bearer("edu_officer"))
    assert reply.status_code == 400, reply.text
    assert what in reply.json()["detail"]
    assert services.received == []


def test_an_undeclared_path_is_404_and_another_method_405(client, services):
    for path in ("/api/enforcement/openapi.json", "/api/enforcement/docs", "/api/enforcement/"):
        reply = client.get(path, headers=bearer("edu_officer"))
        assert reply.status_code == 404, (path, reply.text)
        assert "/docs lists every operation" in reply.json()["detail"]
    wrong = client.delete("/api/enforcement/tasks/t1", headers=bearer("edu_officer"))
    assert wrong.status_code == 405
    assert wrong.headers["allow"] == "GET"
    assert services.received == []


def test_an_operations_roles_are_checked_before_forwarding(client, services):
    refused = client.post("/api/enforcement/tasks/t1/acknowledge", headers=bearer("leader_city"))
    assert refused.status_code == 403
    assert (
        "POST /tasks/{task_id}/acknowledge requires one of the roles: department_lead"
        in (refused.json()["detail"])
    )
    outside = client.get("/api/enforcement/tasks", headers=bearer("staff_xingchen"))
    assert outside.status_code == 403
    assert "service enforcement requires" in outside.json()["detail"]
    assert services.received == []
    allowed = client.post("/api/enforcement/tasks/t1/acknowledge", headers=bearer("edu_officer"))
    assert allowed.json() == {"path": "/tasks/t1/acknowledge"}


def test_ids_reach_the_service_as_the_same_segments_and_the_query_as_sent(client, services):
    reply = client.get(
        "/api/enforcement/tasks/case%3Fx%23y:%E6%95%99%E8%82%B2?status=open&q=%E4%B8%AD",
        headers=bearer("edu_officer"),
    )
    assert reply.json() == {
        "path": "/tasks/case%3Fx%23y:%E6%95%99%E8%82%B2?status=open&q=%E4%B8%AD"
    }


def test_a_non_ascii_header_value_is_forwarded_as_its_bytes(client, services):
    note = "网格员 小王".encode()
    reply = client.get("/api/enforcement/tasks", headers={**bearer("edu_officer"), "X-Note": note})
    assert reply.status_code == 200
    assert (b"x-note", note) in services.received[-1].headers.raw


def test_no_token_is_401_whatever_the_path(client):
    for path in ("/api/enforcement/tasks", "/api/enforcement/tasks/%0B", "/api/nothing/here"):
        assert client.get(path).status_code == 401, path


def test_a_service_that_does_not_answer_is_503_naming_it(client, services):
    services.down.add("enforcement")
    reply = client.get("/api/enforcement/tasks", headers=bearer("edu_officer"))
    assert reply.status_code == 503
    assert "service enforcement did not answer" in reply.json()["detail"]


def test_segments_refuse_literal_dot_segments_too():
    assert segments(b"/api/patrol/incidents") == ("api", "patrol", "incidents")
    with pytest.raises(HTTPException, match="dot segment"):
        segments(b"/public/lists/../../openapi.json")
