"""Seed the running platform with the demo's open incident and registry, through the gateway as
users would.

Idempotent: if the demo reporter already has an open report at the institution, no incident is
added; registry rows whose credit code is already registered are left alone.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import httpx
from keycloak import KeycloakOpenID

from institutions.domain.model import FIELDS

DEMO = json.loads((Path(__file__).resolve().parents[1] / "demo" / "demo-data.json").read_text())
GATEWAY = "http://127.0.0.1:8000"
KEYCLOAK = "http://127.0.0.1:8080/"
DEMO_PASSWORD = "demo"  # local realm only (deploy/keycloak/governance-realm.json)


def _headers(username: str) -> dict[str, str]:
    login = KeycloakOpenID(server_url=KEYCLOAK, realm_name="governance", client_id="console")
    return {"Authorization": f"Bearer {login.token(username, DEMO_PASSWORD)['access_token']}"}


def main() -> int:
    seed_registry()
    return seed_incident()


def seed_registry() -> None:
    """Import the demo institutions the registry lacks, as the district office would."""
    with httpx.Client(base_url=GATEWAY, headers=_headers("district_yuhua"), timeout=60) as gateway:
        missing = [
            row
            for row in DEMO["registry"]
            if gateway.get("/api/institutions/institutions", params={"q": row["credit_code"]})
            .raise_for_status()
            .json()["count"]
            == 0
        ]
        if not missing:
            print("[seed] demo institutions already registered")
            return
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(missing)
        reply = gateway.post(
            "/api/institutions/institutions/import",
            files={"file": ("demo.csv", out.getvalue().encode(), "text/csv")},
        )
        if reply.status_code != 200:
            raise SystemExit(f"[seed] registry import failed: {reply.text}")
        print(f"[seed] registered {reply.json()['imported']} demo institutions")


def seed_incident() -> int:
    wanted = DEMO["open_incident"]
    institution = next(i for i in DEMO["institutions"] if i["name"] == wanted["institution"])
    headers = _headers(wanted["reporter"])
    with httpx.Client(base_url=GATEWAY, headers=headers, timeout=30) as gateway:
        mine = gateway.get("/api/patrol/incidents", params={"limit": 200}).raise_for_status().json()
        existing = [
            i
            for i in mine["data"]
            if i["institution_name"] == institution["name"] and i["status"] != "closed"
        ]
        if existing:
            print(f"[seed] demo incident already open: {existing[0]['incident_id']}")
            return 0
        reply = (
            gateway.post(
                "/api/patrol/incidents",
                json={
                    "incident_type": wanted["incident_type"],
                    "description": wanted["description"],
                    "location": institution["location"],
                    "institution_name": institution["name"],
                    "institution_address": institution["address"],
                },
            )
            .raise_for_status()
            .json()
        )
        print(f"[seed] reported demo incident {reply['incident_id']} at {institution['name']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
