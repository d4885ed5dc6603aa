"""The one public HTTP entry: token, role and rate checks, then forward the declared operation."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from functools import partial

import httpx
from fastapi import FastAPI, Response
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace.export import SpanExporter

from gateway.apidocs import install_api_docs
from gateway.console import install_console
from gateway.documents import ServiceDocuments
from gateway.limits import PerIpLimit, TokenBuckets
from gateway.live import live_router
from gateway.proxy import install_proxy
from gateway.routes import service_routes
from gateway.security import SecurityHeaders, security_headers
from gateway.settings import GatewaySettings
from govkit.auth import TokenVerifier
from govkit.background_checks import BackgroundChecks, Check, Reading
from govkit.telemetry import setup_telemetry

# What a service's health says beyond up and down, shown as it says it; never makes it down.
NOTES = ("calendar",)
# How long a component has to answer the gateway's background check before it counts as down.
PROBE_SECONDS = 3.0


def create_app(
    settings: GatewaySettings | None = None,
    *,
    span_exporter: SpanExporter | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    settings = settings or GatewaySettings()
    tracer_provider = setup_telemetry("gateway", settings, span_exporter)
    routes = service_routes(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Idle connections are dropped before the services' (uvicorn's) 5 s keep-alive ends, so
        # a request never goes out on a connection the service is closing.
        async with httpx.AsyncClient(
            transport=transport, timeout=30, limits=httpx.Limits(keepalive_expiry=2)
        ) as client:
            HTTPXClientInstrumentor.instrument_client(client, tracer_provider=tracer_provider)
            app.state.http = client
            async with components.running():
                yield

    # /openapi.json, /docs and /redoc show the services' operations, not this proxy's catch-all.
    app = FastAPI(
        title="governance gateway",
        lifespan=lifespan,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.token_verifier = TokenVerifier.from_settings(settings)
    targets = _health_targets(settings)
    components = BackgroundChecks(
        {
            name: Check(partial(_probe, app, url), timeout=PROBE_SECONDS)
            for name, url in targets.items()
        }
    )

    @app.get("/health", summary="Every component of the platform, up or down, as last checked")
    async def health(response: Response) -> dict:
        readings = components.readings()
        checks = _component_health(readings, targets)
        statuses = {c["status"] for c in checks.values()}
        status = next((s for s in ("down", "degraded") if s in statuses), "up")
        if status == "down":
            response.status_code = 503
        warnings = [
            f"{name} {note}: {c[note]}"
            for name, c in checks.items()
            for note in NOTES
            if c.get(note, "").startswith("warning")
        ]
        return {
            "status": status,
            "warnings": warnings,
            "components": checks,
            "checked_seconds_ago": {name: reading.age for name, reading in readings.items()},
            "temporal_ui": settings.temporal_ui_url,
        }

    documents = ServiceDocuments(routes, settings.docs_cache_seconds)
    users = TokenBuckets(settings.user_requests_per_second, settings.user_burst)
    install_proxy(app, routes, documents, users, settings.max_body_bytes)
    install_api_docs(app, documents)
    app.include_router(live_router(settings))
    install_console(app, settings)  # last: its page fallback takes every GET left over
    FastAPIInstrumentor.instrument_app(app, tracer_provider=tracer_provider, excluded_urls="health")
    app.add_middleware(
        PerIpLimit, buckets=TokenBuckets(settings.ip_requests_per_second, settings.ip_burst)
    )
    app.add_middleware(SecurityHeaders, headers=security_headers(settings))  # outermost
    return app


def _health_targets(settings: GatewaySettings) -> dict[str, str]:
    """Services report their own database, Kafka and Temporal; Keycloak answers its discovery."""
    return {"keycloak": f"{settings.oidc_issuer}/.well-known/openid-configuration"} | {
        name: f"{route.base_url}/health" for name, route in service_routes(settings).items()
    }


def _component_health(
    readings: dict[str, Reading[dict]], targets: dict[str, str]
) -> dict[str, dict]:
    """Each component as it last answered (down when it did not within `PROBE_SECONDS`), and
    each dependency up only when every service that checks it says so."""
    silent = {"status": "down", "error": f"no answer within {PROBE_SECONDS:g} s"}
    checks = {name: reading.value or silent for name, reading in readings.items()}
    for dependency in ("kafka", "temporal", "database"):
        reports = [c.get(dependency) for c in checks.values() if dependency in c]
        checks[dependency] = {
            "status": "up" if reports and all(r == "up" for r in reports) else "down"
        }
    # A service up but with a stuck consumer group says `degraded`; its groups show why.
    return {
        name: {"status": "degraded" if c.get("service_status") == "degraded" else c["status"]}
        | ({"url": url} if (url := targets.get(name)) else {})
        | {note: c[note] for note in NOTES if note in c}
        | ({"consumers": c["consumers"]} if "consumers" in c else {})
        for name, c in checks.items()
    }


async def _probe(app: FastAPI, url: str) -> dict:
    try:
        reply = await app.state.http.get(url, timeout=PROBE_SECONDS)
    except httpx.HTTPError as exc:
        return {"status": "down", "error": type(exc).__name__}
    body = (
        reply.json() if reply.headers.get("content-type", "").startswith("application/json") else {}
    )
    return {
        **body,
        "status": "up" if reply.status_code == 200 else "down",
        "service_status": body.get("status"),
    }
