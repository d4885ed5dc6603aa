"""The browser console: its built files at /, any other page to index.html, and its runtime config.

The console is a single-page app: the browser asks for /cases/123 and the app routes it, so
every GET outside the gateway's own paths answers index.html. A folder of the build answers its
own index.html: /parents is a second, login-free page of the same build (see ADR 0016). Hashed build assets are cached
for a year; index.html never is, so a new build reaches everyone at their next load.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Response
from fastapi.responses import FileResponse, PlainTextResponse

from gateway.settings import GatewaySettings

# Paths the gateway answers itself; a GET under them that no route took is a 404, not the app.
GATEWAY_PATHS = frozenset(
    {
        "api",
        "public",
        "health",
        "docs",
        "redoc",
        "openapi.json",
        "asyncapi.json",
        "live",
        "config.json",
    }
)
ASSETS = "assets/"
FOREVER = "public, max-age=31536000, immutable"  # hashed names change with their content
NOT_BUILT = (
    "控制台尚未构建 (the console is not built).\n\n"
    "在仓库根目录运行 `make console` 构建，网关会直接提供 console/dist 下的文件；\n"
    "or point GATEWAY_CONSOLE_DIR at a built console (a folder with index.html).\n"
    "The API is unaffected: /api/<service>/…, /docs, /health.\n"
)


def install_console(app: FastAPI, settings: GatewaySettings) -> None:
    """Install last: the page fallback answers every GET that no other route took."""
    root = settings.console_dir.resolve()
    realm_url = settings.oidc_issuer.rstrip("/")
    keycloak_url, _, realm = realm_url.rpartition("/realms/")

    @app.get("/config.json", include_in_schema=False)
    def console_config() -> dict[str, str]:
        """What the console needs to log in; no secret (the console is a public client)."""
        return {
            "keycloak_url": keycloak_url,
            "realm": realm,
            "client_id": settings.console_client_id,
            "issuer": realm_url,
        }

    @app.api_route("/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
    def console_page(path: str) -> Response:
        if path.split("/", 1)[0] in GATEWAY_PATHS:
            raise HTTPException(404, f"没有这个地址 (no such path: /{path})")
        index = root / "index.html"
        if not index.is_file():
            return PlainTextResponse(NOT_BUILT, status_code=503)
        built = _built_file(root, path)
        if built is None and path.startswith(ASSETS):
            raise HTTPException(404, f"构建中没有这个文件 (no such file in the build: /{path})")
        if built is None:
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        cache = FOREVER if path.startswith(ASSETS) else "no-cache"
        return FileResponse(built, headers={"Cache-Control": cache})


def _built_file(root: Path, path: str) -> Path | None:
    """The build's file at `path` (a folder's index.html), never one outside the build folder."""
    if not path:
        return None
    candidate = (root / path).resolve()
    if candidate.is_dir():
        candidate = candidate / "index.html"
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate
