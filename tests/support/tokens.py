"""Access tokens from Keycloak's own token endpoint, as the console would get them."""

from __future__ import annotations

import functools

from keycloak import KeycloakOpenID

from tests.support.stack import DEMO_PASSWORD, KEYCLOAK, REALM


@functools.cache
def _client(client_id: str, secret: str | None = None) -> KeycloakOpenID:
    return KeycloakOpenID(
        server_url=f"{KEYCLOAK}/", realm_name=REALM, client_id=client_id, client_secret_key=secret
    )


def user_token(username: str, client_id: str = "console") -> str:
    return _client(client_id).token(username, DEMO_PASSWORD)["access_token"]


def client_token(client_id: str, secret: str) -> str:
    return _client(client_id, secret).token(grant_type="client_credentials")["access_token"]


def bearer(username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {user_token(username)}"}
