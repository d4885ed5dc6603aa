"""Access tokens from Keycloak's own token endpoint, as the console would get them."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable

from keycloak import KeycloakOpenID
from keycloak.exceptions import KeycloakConnectionError, KeycloakPostError

from tests.support.stack import DEMO_PASSWORD, KEYCLOAK, REALM


@functools.cache
def _client(client_id: str, secret: str | None = None) -> KeycloakOpenID:
    return KeycloakOpenID(
        server_url=f"{KEYCLOAK}/",
        realm_name=REALM,
        client_id=client_id,
        client_secret_key=secret,
        timeout=TIMEOUT_SECONDS,
    )


# With brute-force detection on, Keycloak refuses a login while another login of the same user
# is still in progress ("user_temporarily_disabled", answered as invalid credentials). A test
# logging in a demo user while another test does asks again; a wrong password fails every time.
# A login Keycloak has not answered in 10 s is asked again too: once, in a full run, one hung
# for minutes (the client's own default waits 60 s per attempt) and held the whole session.
ATTEMPTS, PAUSE_SECONDS, TIMEOUT_SECONDS = 3, 0.5, 10


def user_token(username: str, client_id: str = "console") -> str:
    return _asked(lambda: _client(client_id).token(username, DEMO_PASSWORD))


def client_token(client_id: str, secret: str) -> str:
    return _asked(lambda: _client(client_id, secret).token(grant_type="client_credentials"))


def _asked(token: Callable[[], dict]) -> str:
    """The access token of Keycloak's answer, asked up to `ATTEMPTS` times."""
    for _ in range(ATTEMPTS - 1):
        try:
            return token()["access_token"]
        except (KeycloakPostError, KeycloakConnectionError):
            time.sleep(PAUSE_SECONDS)
    return token()["access_token"]  # the last attempt says what Keycloak said


def bearer(username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {user_token(username)}"}
