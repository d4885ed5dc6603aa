"""The gateway serves the built console: its files, index.html for every page the app routes,
its login config, and a clear page (never a 500) when nobody built it."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from gateway.app import create_app
from gateway.settings import GatewaySettings

pytestmark = pytest.mark.unit

INDEX = "<!doctype html><div id=root></div>"
PARENTS = "<!doctype html><div id=parents></div>"


def console(tmp_path, *, built: bool = True) -> TestClient:
    dist = tmp_path / "dist"
    if built:
        (dist / "assets").mkdir(parents=True)
        (dist / "index.html").write_text(INDEX)
        (dist / "assets" / "index-3f9a1c.js").write_text("console.log(1)")
        (dist / "favicon.svg").write_text("<svg/>")
        (dist / "parents").mkdir()
        (dist / "parents" / "index.html").write_text(PARENTS)
    (tmp_path / "secret.txt").write_text("outside the build")
    settings = GatewaySettings(
        otel_exporter="none", console_dir=dist, kafka_bootstrap="127.0.0.1:1"
    )
    unreachable = httpx.MockTransport(lambda request: httpx.Response(503))
    return TestClient(create_app(settings, transport=unreachable))


def test_pages_of_the_app_answer_index_html_never_cached(tmp_path):
    with console(tmp_path) as client:
        for page in ("/", "/cases/case-1", "/inbox?status=dispatched"):
            reply = client.get(page)
            assert reply.status_code == 200, page
            assert reply.text == INDEX
            assert reply.headers["cache-control"] == "no-cache"


def test_a_folder_of_the_build_answers_its_own_page(tmp_path):
    with console(tmp_path) as client:
        for page in ("/parents", "/parents/", "/parents?q=启航"):
            reply = client.get(page)
            assert reply.text == PARENTS, page
            assert reply.headers["cache-control"] == "no-cache"
        assert client.get("/parents/unknown").text == INDEX


def test_hashed_assets_are_cached_for_a_year_and_other_files_are_not(tmp_path):
    with console(tmp_path) as client:
        asset = client.get("/assets/index-3f9a1c.js")
        icon = client.get("/favicon.svg")
        missing = client.get("/assets/index-gone.js")
    assert asset.text == "console.log(1)"
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert icon.headers["cache-control"] == "no-cache"
    assert missing.status_code == 404


def test_the_gateways_own_paths_are_never_the_app(tmp_path):
    with console(tmp_path) as client:
        assert client.get("/live/anything").status_code == 404
        assert client.get("/health/more").status_code == 404
        assert client.get("/api/patrol/incidents").status_code == 401


def test_nothing_outside_the_build_is_served(tmp_path):
    with console(tmp_path) as client:
        reply = client.get("/%2e%2e/secret.txt")
    assert "outside the build" not in reply.text


def test_config_tells_the_console_where_to_log_in(tmp_path):
    with console(tmp_path) as client:
        config = client.get("/config.json").json()
    assert config == {
        "keycloak_url": "http://127.0.0.1:8080",
        "realm": "governance",
        "client_id": "console",
        "issuer": "http://127.0.0.1:8080/realms/governance",
    }


def test_an_unbuilt_console_says_how_to_build_it(tmp_path):
    with console(tmp_path, built=False) as client:
        reply = client.get("/")
    assert reply.status_code == 503
    assert reply.headers["content-type"].startswith("text/plain")
    assert "make console" in reply.text
    assert "not built" in reply.text
