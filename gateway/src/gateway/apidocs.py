"""The gateway's /openapi.json, /docs and /asyncapi.json: the whole platform's API in one place."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse

from contracts.asyncapi import asyncapi_document
from gateway.documents import ServiceDocuments
from gateway.openapi import Document, merge
from gateway.routes import PUBLIC_PREFIX, PUBLIC_SERVICE

DESCRIPTION = (
    "Every service's operations as the gateway serves them. Paths under `/api/<service>/` need "
    "a bearer token from Keycloak (realm `governance`) with one of the service's roles and of "
    "the roles the operation's security requirement names; the service checks the finer rules "
    "itself. The white and black lists are public. The events "
    "on Kafka are described in AsyncAPI at [/asyncapi.json](/asyncapi.json)."
)


# Swagger UI and ReDoc come from a CDN and start with an inline script; only these two pages
# may load them (the rest of the gateway keeps its strict policy, gateway.security).
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src 'self' https://fonts.gstatic.com; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; "
    "object-src 'none'"
)


class ApiDocs:
    """Merges the services' documents; keeps the merge while they are the same documents.

    A service that does not answer is named in the document, and the next request asks again.
    """

    def __init__(self, app: FastAPI, documents: ServiceDocuments) -> None:
        self._app, self._documents = app, documents
        self._merged: tuple[list[Document | str], Document] | None = None

    async def document(self, client: httpx.AsyncClient) -> Document:
        replies = await self._documents.every(client)
        if self._merged and all(
            a is b for a, b in zip(self._merged[0], replies.values(), strict=True)
        ):
            return self._merged[1]
        services = {name: doc for name, doc in replies.items() if isinstance(doc, dict)}
        unavailable = {name: why for name, why in replies.items() if isinstance(why, str)}
        gateway = get_openapi(
            title=self._app.title,
            version=self._app.version,
            description=DESCRIPTION,
            routes=self._app.routes,
        )
        merged = merge(
            gateway, services, public=(PUBLIC_SERVICE, PUBLIC_PREFIX), unavailable=unavailable
        )
        self._merged = None if unavailable else (list(replies.values()), merged)
        return merged


def install_api_docs(app: FastAPI, documents: ServiceDocuments) -> None:
    """Serve the merged OpenAPI with Swagger UI and ReDoc, and the AsyncAPI of the contracts."""
    docs = ApiDocs(app, documents)
    events = asyncapi_document()

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi() -> Document:
        return await docs.document(app.state.http)

    @app.get("/asyncapi.json", include_in_schema=False)
    async def asyncapi() -> Document:
        return events

    @app.get("/docs", include_in_schema=False)
    async def swagger() -> HTMLResponse:
        page = get_swagger_ui_html(openapi_url="/openapi.json", title=f"{app.title} API")
        page.headers["Content-Security-Policy"] = DOCS_POLICY
        return page

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        page = get_redoc_html(openapi_url="/openapi.json", title=f"{app.title} API")
        page.headers["Content-Security-Policy"] = DOCS_POLICY
        return page
