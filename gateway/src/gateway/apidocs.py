"""The gateway's /openapi.json, /docs and /asyncapi.json: the whole platform's API in one place."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import httpx
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse

from contracts.asyncapi import asyncapi_document
from gateway.openapi import Document, merge
from gateway.routes import PUBLIC_PREFIX, PUBLIC_SERVICE, ServiceRoute

DESCRIPTION = (
    "Every service's operations as the gateway serves them. Paths under `/api/<service>/` need "
    "a bearer token from Keycloak (realm `governance`) with one of the service's roles; the "
    "service checks the finer rules itself. The white and black lists are public. The events "
    "on Kafka are described in AsyncAPI at [/asyncapi.json](/asyncapi.json)."
)


class ApiDocs:
    """Fetches the services' own documents on request; keeps a complete merge for `ttl` seconds.

    A service that does not answer is named in the document, and the next request asks again.
    """

    def __init__(
        self,
        app: FastAPI,
        routes: dict[str, ServiceRoute],
        ttl: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._app, self._routes, self._ttl, self._clock = app, routes, ttl, clock
        self._cached: tuple[float, Document] | None = None

    async def document(self, client: httpx.AsyncClient) -> Document:
        if self._cached and self._clock() - self._cached[0] < self._ttl:
            return self._cached[1]
        names = list(self._routes)
        replies = await asyncio.gather(
            *(_fetch(client, self._routes[name].base_url) for name in names)
        )
        services = {
            name: doc for name, doc in zip(names, replies, strict=True) if isinstance(doc, dict)
        }
        unavailable = {
            name: why for name, why in zip(names, replies, strict=True) if isinstance(why, str)
        }
        gateway = get_openapi(
            title=self._app.title,
            version=self._app.version,
            description=DESCRIPTION,
            routes=self._app.routes,
        )
        merged = merge(
            gateway, services, public=(PUBLIC_SERVICE, PUBLIC_PREFIX), unavailable=unavailable
        )
        self._cached = None if unavailable else (self._clock(), merged)
        return merged


async def _fetch(client: httpx.AsyncClient, base_url: str) -> Document | str:
    """The service's own OpenAPI document, or why there is none."""
    try:
        reply = await client.get(f"{base_url}/openapi.json", timeout=3)
    except httpx.HTTPError as exc:
        return type(exc).__name__
    if reply.status_code != 200:
        return f"HTTP {reply.status_code}"
    document: Document = reply.json()
    return document


def install_api_docs(app: FastAPI, routes: dict[str, ServiceRoute], ttl: float) -> None:
    """Serve the merged OpenAPI with Swagger UI and ReDoc, and the AsyncAPI of the contracts."""
    docs = ApiDocs(app, routes, ttl)
    events = asyncapi_document()

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi() -> Document:
        return await docs.document(app.state.http)

    @app.get("/asyncapi.json", include_in_schema=False)
    async def asyncapi() -> Document:
        return events

    @app.get("/docs", include_in_schema=False)
    async def swagger() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title=f"{app.title} API")

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url="/openapi.json", title=f"{app.title} API")
