"""Keycloak's brute-force detection: wrong passwords lock the account for a while; the many
good logins of the tests never count."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from keycloak import KeycloakAdmin, KeycloakError, KeycloakOpenID

from tests.support.stack import KEYCLOAK, REALM
from tests.support.tokens import user_token

pytestmark = pytest.mark.e2e

# The local dev Keycloak's bootstrap admin (deploy/local/lib/keycloak.sh); local only.
LOCAL_ADMIN = ("admin", "admin")


def login(username: str, password: str) -> str:
    console = KeycloakOpenID(server_url=f"{KEYCLOAK}/", realm_name=REALM, client_id="console")
    return console.token(username, password)["access_token"]


@pytest.fixture(scope="module")
def admin() -> KeycloakAdmin:
    username, password = LOCAL_ADMIN
    return KeycloakAdmin(
        server_url=f"{KEYCLOAK}/",
        username=username,
        password=password,
        realm_name=REALM,
        user_realm_name="master",
    )


@pytest.fixture
def newcomer(admin) -> Iterator[tuple[str, str, str]]:
    """A user of this test alone (locking a demo user would lock the other tests out)."""
    username, password = f"lockout-{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    user_id = admin.create_user(
        {
            "username": username,
            "enabled": True,
            "firstName": "Lock",
            "lastName": "Out",
            "email": f"{username}@example.invalid",
            "emailVerified": True,
            "credentials": [{"type": "password", "value": password, "temporary": False}],
        }
    )
    yield user_id, username, password
    admin.delete_user(user_id)


def test_wrong_passwords_lock_the_account_even_for_the_right_one(admin, newcomer):
    user_id, username, password = newcomer
    assert login(username, password)
    for _ in range(5):
        with pytest.raises(KeycloakError, match="invalid_grant"):
            login(username, "not-" + password)
    with pytest.raises(KeycloakError, match="invalid_grant"):
        login(username, password)
    status = admin.get_bruteforce_detection_status(user_id)
    assert status["disabled"] is True
    assert status["numFailures"] >= 1


def test_many_good_logins_never_count(admin):
    for _ in range(20):
        assert user_token("edu_officer")
    [user] = admin.get_users({"username": "edu_officer", "exact": True})
    status = admin.get_bruteforce_detection_status(user["id"])
    assert status["disabled"] is False
    assert status["numFailures"] == 0
