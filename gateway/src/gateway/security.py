"""Security headers on every answer of the gateway.

The policy suits the console, a single-page app served at / from this origin: scripts, styles
and fonts from here (antd writes its styles into <style> elements, hence 'unsafe-inline' for
styles only), and Keycloak at the issuer's origin for login (keycloak-js calls its endpoints and
checks the session in a hidden iframe). No other site may frame the gateway's pages.
A page that needs another policy (/docs) sets its own; it is kept.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.settings import GatewaySettings


def content_security_policy(issuer: str) -> str:
    parts = urlsplit(issuer)
    keycloak = f"{parts.scheme}://{parts.netloc}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; "
        f"connect-src 'self' {keycloak}; frame-src 'self' {keycloak}; "
        "frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'"
    )


def security_headers(settings: GatewaySettings) -> dict[str, str]:
    headers = {
        "Content-Security-Policy": content_security_policy(settings.oidc_issuer),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "SAMEORIGIN",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(self)",
    }
    if settings.served_over_https:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return headers


class SecurityHeaders:
    """ASGI middleware: adds each header the answer does not set itself."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app, self.headers = app, headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
