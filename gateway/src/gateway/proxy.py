"""Forwarding: the public lists without a token, `/api/<service>/…` with one, and nothing else.

Under /api each request is checked in this order: the token (401), the path's spelling (400),
the user's rate (429), the service's roles (403), the declared operation (404 / 405) and its
roles (403), the body's size (413); only then is it forwarded, its path re-encoded from the
checked segments. A public list is checked for spelling and declaration alike.
"""

from __future__ import annotations

import httpx
from fastapi import FastAPI, HTTPException, Request, Response

from gateway.documents import ServiceDocuments
from gateway.limits import TokenBuckets, bounded_body, too_many
from gateway.openapi import Document
from gateway.operations import Operation, Operations
from gateway.paths import encoded, segments
from gateway.routes import PUBLIC_PREFIX, PUBLIC_SERVICE, ServiceRoute
from govkit.auth import PrincipalDep

# Hop-by-hop and length headers are the proxy's own business, not the caller's.
_DROPPED_HEADERS = {b"host", b"content-length", b"connection", b"keep-alive", b"transfer-encoding"}


def install_proxy(
    app: FastAPI,
    routes: dict[str, ServiceRoute],
    documents: ServiceDocuments,
    users: TokenBuckets,
    max_body_bytes: int,
) -> None:
    # service → the document last read and its table; a new document is read again.
    tables: dict[str, tuple[Document, Operations]] = {}

    async def declared(service: str, method: str, parts: tuple[str, ...]) -> Operation:
        document = await documents.get(app.state.http, service)
        if isinstance(document, str):
            raise HTTPException(
                503, f"服务暂不可用 (service {service} did not answer: {document}; try again)"
            )
        kept = tables.get(service)
        if kept is None or kept[0] is not document:
            kept = tables[service] = (document, Operations.from_document(service, document))
        return kept[1].find(method, parts)

    @app.get(PUBLIC_PREFIX + "/{path:path}", include_in_schema=False)
    async def public_lists(request: Request) -> Response:
        """Parents read the published lists without an account; nothing else is public."""
        parts = segments(request.scope["raw_path"])
        await declared(PUBLIC_SERVICE, "GET", parts)
        return await _forward(app, request, routes[PUBLIC_SERVICE], parts, b"")

    @app.api_route(
        "/api/{service}/{path:path}",
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        include_in_schema=False,
    )
    async def forward(service: str, request: Request, principal: PrincipalDep) -> Response:
        """Forward an authorised request for a declared operation to the service that owns it."""
        parts = segments(request.scope["raw_path"])[2:]
        wait = users.take(principal.subject)
        if wait:
            raise too_many(f"user {principal.username}", users, wait)
        route = routes.get(service)
        if route is None:
            raise HTTPException(
                404, f"没有这个服务 (no service {service!r}; known: {', '.join(routes)})"
            )
        _require(principal.roles, route.roles, f"service {service}")
        operation = await declared(service, request.method, parts)
        _require(principal.roles, operation.roles, f"{operation.method} {operation.path}")
        body = await bounded_body(request, max_body_bytes)
        return await _forward(app, request, route, parts, body)


def _require(held: frozenset[str], needed: frozenset[str], what: str) -> None:
    if needed and held.isdisjoint(needed):
        raise HTTPException(
            403, f"无权限 ({what} requires one of the roles: {', '.join(sorted(needed))})"
        )


async def _forward(
    app: FastAPI, request: Request, route: ServiceRoute, parts: tuple[str, ...], body: bytes
) -> Response:
    base = httpx.URL(route.base_url)
    query = request.scope["query_string"]
    url = base.copy_with(
        raw_path=base.raw_path.rstrip(b"/") + encoded(parts) + (b"?" + query if query else b"")
    )
    headers = [(k, v) for k, v in request.headers.raw if k.lower() not in _DROPPED_HEADERS]
    try:
        upstream = await app.state.http.request(request.method, url, headers=headers, content=body)
    except httpx.HTTPError as exc:
        raise HTTPException(
            502, f"服务无响应 (service at {route.base_url} did not answer: {type(exc).__name__})"
        ) from exc
    return _relay(upstream)


def _relay(upstream: httpx.Response) -> Response:
    """The service's answer; Content-Disposition too, so an export downloads under its name."""
    headers = {k: v for k, v in upstream.headers.items() if k.lower() == "content-disposition"}
    return Response(
        content=upstream.content,
        status_code=upstream.status_code,
        media_type=upstream.headers.get("content-type"),
        headers=headers,
    )
