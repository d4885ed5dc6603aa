"""The fast tier's edge: people from the realm file, a token verifier that knows them, clients.

No server: routes run in FastAPI's TestClient (the app's lifespan is not started, so no
database or broker is touched), with a fake unit of work behind them.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from contracts.envelope import Envelope
from govkit.auth import InvalidToken
from govkit.principal import Principal

REALM_FILE = Path(__file__).resolve().parents[2] / "deploy/keycloak/governance-realm.json"
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday 10:00 in Changsha
MEMORY_DATABASE = "sqlite:///:memory:"


def _realm_people() -> dict[str, Principal]:
    """The demo users exactly as the realm defines them: roles and jurisdiction attributes."""
    realm = json.loads(REALM_FILE.read_text())
    return {
        user["username"]: Principal(
            subject=user["username"],
            username=user["username"],
            roles=frozenset(user.get("realmRoles", [])),
            **{name: values[0] for name, values in user.get("attributes", {}).items()},
        )
        for user in realm["users"]
    }


PEOPLE = _realm_people()


class FakeVerifier:
    """A bearer token here is simply a demo username."""

    def verify(self, token: str) -> Principal:
        if token not in PEOPLE:
            raise InvalidToken(f"unknown test user {token!r}")
        return PEOPLE[token]


def bearer(username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {username}"}


def sequential_ids(prefix: str = "id") -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: f"{prefix}-{next(counter)}"


def client(create_app: Callable[..., FastAPI], settings: Any, uow: Any) -> TestClient:
    """The service's real app and routes over `uow`; the lifespan (database, Kafka) never runs."""
    app = create_app(settings, unit_of_work=lambda: uow, token_verifier=FakeVerifier())
    return TestClient(app, raise_server_exceptions=True)


def envelope_of(message: Any, event_id: str, *, source: str = "/tests") -> dict[str, Any]:
    """A message as it travels on Kafka, in the one envelope."""
    return Envelope(
        id=event_id,
        source=source,
        type=message.EVENT_TYPE,
        time=T0,
        subject=message.message_key(),
        data=message.model_dump(mode="json"),
    ).model_dump(mode="json")
