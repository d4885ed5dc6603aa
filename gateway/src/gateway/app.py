"""The one public HTTP entry: token and role check, then forward to the service."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI, HTTPException, Request, Response
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace.export import SpanExporter

from gateway.apidocs import install_api_docs
from gateway.routes import PUBLIC_PREFIX, PUBLIC_SERVICE, service_routes
from gateway.settings import GatewaySettings
from govkit.auth import PrincipalDep, TokenVerifier
from govkit.telemetry import setup_telemetry

# What a service's health says beyond up and down, shown as it says it; never makes it down.
NOTES = ("calendar",)
# Hop-by-hop and length headers are the proxy's own business, not the caller's.
_DROPPED_HEADERS = {"host", "content-length", "connection", "keep-alive", "transfer-encoding"}


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
        async with httpx.AsyncClient(transport=transport, timeout=30) as client:
            HTTPXClientInstrumentor.instrument_client(client, tracer_provider=tracer_provider)
            app.state.http = client
            yield

    # /openapi.json, /docs and /redoc show the services' operations, not this proxy's catch-all.
    app = FastAPI(
        title="governance gateway",
        lifespan=lifespan,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.token_verifier = TokenVerifier(
        issuer=settings.oidc_issuer,
        audience=settings.oidc_audience,
        jwks_url=settings.oidc_jwks_url,
    )

    @app.get("/health", summary="Every component of the platform, up or down")
    async def health(response: Response) -> dict:
        checks = await _component_health(app.state.http, settings)
        status = "up" if all(c["status"] == "up" for c in checks.values()) else "down"
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
            "temporal_ui": settings.temporal_ui_url,
        }

    @app.get(PUBLIC_PREFIX + "/{path:path}", include_in_schema=False)
    async def public_lists(path: str, request: Request) -> Response:
        """Parents read the published lists without an account; nothing else is public."""
        upstream = await app.state.http.get(
            f"{routes[PUBLIC_SERVICE].base_url}{PUBLIC_PREFIX}/{path}", params=request.query_params
        )
        return _relay(upstream)

    @app.api_route(
        "/api/{service}/{path:path}",
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        include_in_schema=False,
    )
    async def forward(
        service: str, path: str, request: Request, principal: PrincipalDep
    ) -> Response:
        """Forward an authorised request to the service that owns the path."""
        route = routes.get(service)
        if route is None:
            raise HTTPException(
                404, f"没有这个服务 (no service {service!r}; known: {', '.join(routes)})"
            )
        if not principal.has_any_role(route.roles):
            raise HTTPException(
                403, f"无权限 (requires one of the roles: {', '.join(sorted(route.roles))})"
            )
        upstream = await app.state.http.request(
            request.method,
            f"{route.base_url}/{path}",
            params=request.query_params,
            headers={k: v for k, v in request.headers.items() if k.lower() not in _DROPPED_HEADERS},
            content=await request.body(),
        )
        return _relay(upstream)

    install_api_docs(app, routes, settings.docs_cache_seconds)
    FastAPIInstrumentor.instrument_app(app, tracer_provider=tracer_provider, excluded_urls="health")
    return app


def _relay(upstream: httpx.Response) -> Response:
    """The service's answer; Content-Disposition too, so an export downloads under its name."""
    headers = {k: v for k, v in upstream.headers.items() if k.lower() == "content-disposition"}
    return Response(
        content=upstream.content,
        status_code=upstream.status_code,
        media_type=upstream.headers.get("content-type"),
        headers=headers,
    )


async def _component_health(
    client: httpx.AsyncClient, settings: GatewaySettings
) -> dict[str, dict]:
    """Services report their own database, Kafka and Temporal; Keycloak answers its discovery."""
    targets = {"keycloak": f"{settings.oidc_issuer}/.well-known/openid-configuration"} | {
        name: f"{route.base_url}/health" for name, route in service_routes(settings).items()
    }
    results = await asyncio.gather(*(_probe(client, url) for url in targets.values()))
    checks = dict(zip(targets, results, strict=True))
    for dependency in ("kafka", "temporal", "database"):
        reports = [c.get(dependency) for c in checks.values() if dependency in c]
        checks[dependency] = {
            "status": "up" if reports and all(r == "up" for r in reports) else "down"
        }
    return {
        name: {"status": c["status"]}
        | ({"url": url} if (url := targets.get(name)) else {})
        | {note: c[note] for note in NOTES if note in c}
        for name, c in checks.items()
    }


async def _probe(client: httpx.AsyncClient, url: str) -> dict:
    try:
        reply = await client.get(url, timeout=3)
    except httpx.HTTPError as exc:
        return {"status": "down", "error": type(exc).__name__}
    body = (
        reply.json() if reply.headers.get("content-type", "").startswith("application/json") else {}
    )
    return {**body, "status": "up" if reply.status_code == 200 else "down"}
