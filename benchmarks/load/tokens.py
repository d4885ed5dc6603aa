"""Access tokens from Keycloak's token endpoint (client `console`, password grant), kept until
a minute before they expire."""

from __future__ import annotations

import time

import httpx

CLIENT = "console"


class Tokens:
    def __init__(self, http: httpx.AsyncClient, issuer: str, password: str) -> None:
        self._http, self._issuer, self._password = http, issuer, password
        self._tokens: dict[str, tuple[str, float]] = {}

    async def bearer(self, username: str) -> dict[str, str]:
        token, good_until = self._tokens.get(username, ("", 0.0))
        if time.monotonic() >= good_until:
            answer = await self._http.post(
                f"{self._issuer}/protocol/openid-connect/token",
                data={
                    "grant_type": "password",
                    "client_id": CLIENT,
                    "username": username,
                    "password": self._password,
                },
            )
            answer.raise_for_status()
            body = answer.json()
            token, good_until = body["access_token"], time.monotonic() + body["expires_in"] - 60
            self._tokens[username] = (token, good_until)
        return {"Authorization": f"Bearer {token}"}
