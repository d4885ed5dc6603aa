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
import time
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
    seed_inspections()
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


# 挂牌督学 for the demo inspector: the demo institutions (by credit code) and two schools.
DEMO_SCHOOLS = [
    {
        "code": "YH-PS-0101",
        "name": "雨花区东塘小学",
        "level": "primary",
        "township": "dongtang",
        "address": "长沙市雨花区东塘街道韶山北路101号",
    },
    {
        "code": "YH-JS-0201",
        "name": "雨花区圭塘中学",
        "level": "junior",
        "township": "guitang",
        "address": "长沙市雨花区圭塘街道万家丽中路201号",
    },
]
# One inspection with findings, leaving an open order for staff_xingchen to sign.
DEMO_INSPECTION = {
    "credit_code": "52430111MJY0001028",
    "failures": {
        22: "未使用《中小学生校外培训服务合同（示范文本）》，合同为机构自拟",
        24: "二楼安全出口被教具堵塞，灭火器已过期",
    },
}


def seed_inspections() -> None:
    """List the demo inspector for the demo units, then inspect one if it has no open order."""
    codes = [row["credit_code"] for row in DEMO["registry"]]
    with httpx.Client(base_url=GATEWAY, headers=_headers("district_yuhua"), timeout=60) as office:
        _wait_for_units(office, codes)
        rows = [
            {"inspector": "inspector_yuhua", "unit_type": "institution", "code": code}
            for code in codes
        ] + [{"inspector": "inspector_yuhua", "unit_type": "school", **s} for s in DEMO_SCHOOLS]
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=[*rows[-1].keys()])
        writer.writeheader()
        writer.writerows(rows)
        reply = office.post(
            "/api/inspections/assignments/import",
            files={"file": ("assignments.csv", out.getvalue().encode(), "text/csv")},
        )
        if reply.status_code != 200:
            raise SystemExit(f"[seed] assignment import failed: {reply.text}")
        print(f"[seed] listed inspector_yuhua for {reply.json()['assigned']} more units")
    with httpx.Client(base_url=GATEWAY, headers=_headers("inspector_yuhua"), timeout=60) as gateway:
        unit = _units(gateway, DEMO_INSPECTION["credit_code"])[0]
        orders = gateway.get("/api/inspections/orders", params={"limit": 200}).raise_for_status()
        if any(
            o["unit_id"] == unit["unit_id"] and o["status"] != "closed"
            for o in orders.json()["data"]
        ):
            print(f"[seed] {unit['unit_name']} already has an open rectification order")
            return
        order = _inspect(gateway, unit, DEMO_INSPECTION["failures"])
        print(f"[seed] inspected {unit['unit_name']}: order {order['number']} awaits signing")


def _units(gateway: httpx.Client, code: str) -> list[dict]:
    reply = gateway.get("/api/inspections/units", params={"q": code}).raise_for_status()
    return reply.json()["data"]


def _wait_for_units(office: httpx.Client, codes: list[str], timeout: float = 60) -> None:
    """Inspections learns institutions from the registry's events: wait until it knows them."""
    deadline = time.monotonic() + timeout
    while not all(_units(office, code) for code in codes):
        if time.monotonic() > deadline:
            raise SystemExit("[seed] inspections has not heard of the demo institutions")
        time.sleep(0.5)


def _inspect(gateway: httpx.Client, unit: dict, failures: dict[int, str]) -> dict:
    started = (
        gateway.post(
            "/api/inspections/inspections", json={"unit_id": unit["unit_id"], "kind": "routine"}
        )
        .raise_for_status()
        .json()
    )
    path = f"/api/inspections/inspections/{started['inspection_id']}"
    items = gateway.get("/api/inspections/checklist").raise_for_status().json()["items"]
    applies = "subject" if unit["unit_kind"] == "subject_institution" else "non_subject"
    results = [
        {
            "item_no": item["no"],
            "result": "fail" if item["no"] in failures else "pass",
            "note": failures.get(item["no"], ""),
        }
        for item in items
        if applies in item["applies_to"]
    ]
    gateway.put(f"{path}/results", json={"results": results}).raise_for_status()
    done = gateway.post(f"{path}/complete", json={}).raise_for_status().json()
    return gateway.get(f"/api/inspections/orders/{done['order_id']}").raise_for_status().json()


if __name__ == "__main__":
    sys.exit(main())
