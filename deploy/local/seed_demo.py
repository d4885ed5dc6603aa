"""Seed the running platform with the demo's open incident, through the gateway as a user would.

Idempotent: if the demo reporter already has an open report at the institution, nothing is added.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import httpx
from keycloak import KeycloakOpenID

DEMO = json.loads((Path(__file__).resolve().parents[1] / "demo" / "demo-data.json").read_text())
GATEWAY = "http://127.0.0.1:8000"
KEYCLOAK = "http://127.0.0.1:8080/"
DEMO_PASSWORD = "demo"  # local realm only (deploy/keycloak/governance-realm.json)


def main() -> int:
    wanted = DEMO["open_incident"]
    institution = next(i for i in DEMO["institutions"] if i["name"] == wanted["institution"])
    login = KeycloakOpenID(server_url=KEYCLOAK, realm_name="governance", client_id="console")
    token = login.token(wanted["reporter"], DEMO_PASSWORD)["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
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
