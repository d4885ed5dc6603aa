"""Seed the running platform with the demo's open incident, rated cases and registry, through the
gateway as users would.

Idempotent: if the demo reporter already has an open report at the institution, no incident is
added; a rated case whose report is already in is not played again; registry rows whose credit
code is already registered are left alone.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from keycloak import KeycloakOpenID

from institutions.domain.model import FIELDS

DEPLOY = Path(__file__).resolve().parents[1]
DEMO = json.loads((DEPLOY / "demo" / "demo-data.json").read_text())
REALM = json.loads((DEPLOY / "keycloak" / "governance-realm.json").read_text())
GATEWAY = "http://127.0.0.1:8000"
KEYCLOAK = "http://127.0.0.1:8080/"
DEMO_PASSWORD = "demo"  # local realm only (deploy/keycloak/governance-realm.json)


def _headers(username: str) -> dict[str, str]:
    login = KeycloakOpenID(server_url=KEYCLOAK, realm_name="governance", client_id="console")
    return {"Authorization": f"Bearer {login.token(username, DEMO_PASSWORD)['access_token']}"}


def _bank_client(client_id: str) -> tuple[str, dict[str, str]]:
    """The bank a machine client speaks for and its token; its secret is the local realm's."""
    [client] = [c for c in REALM["clients"] if c["clientId"] == client_id]
    [account] = [u for u in REALM["users"] if u.get("serviceAccountClientId") == client_id]
    login = KeycloakOpenID(
        server_url=KEYCLOAK,
        realm_name="governance",
        client_id=client_id,
        client_secret_key=client["secret"],
    )
    token = login.token(grant_type="client_credentials")["access_token"]
    return account["attributes"]["bank"][0], {"Authorization": f"Bearer {token}"}


def main() -> int:
    seed_registry()
    seed_inspections()
    seed_bank_feed()
    seed_rated_cases()
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
    _until(
        lambda: all(_units(office, code) for code in codes),
        "demo institutions to reach inspections",
        timeout,
    )


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


# 资金监管: each demo institution's account at its bank, and how its cover ratio runs day by day
# (day 0 is DEMO_DAYS ago): 星辰 stays covered; 圭塘 drifts green → yellow (< 0.8) → red (< 0.5).
DEMO_DAYS = 90
DEMO_ACCOUNTS = {
    "bank-changsha": [("52430111MJY0001028", "YH-BANK-000128", lambda day: 1.05)],
    "bank-icbc": [
        ("91430111MA4Q00103N", "YH-BANK-000103", lambda day: min(1.02, 1.5 - day * 0.0122))
    ],
}


def seed_bank_feed() -> None:
    """Put the demo accounts under their banks' supervision, then send each bank's daily
    batches for the last DEMO_DAYS days, unless the bank has sent them before."""
    banks = {client_id: _bank_client(client_id) for client_id in DEMO_ACCOUNTS}
    with httpx.Client(base_url=GATEWAY, headers=_headers("district_yuhua"), timeout=60) as office:
        for client_id, accounts in DEMO_ACCOUNTS.items():
            for code, account, _ in accounts:
                _agree(office, account, {"credit_code": code, "bank": banks[client_id][0]})
    last = datetime.now(UTC).date() - timedelta(days=1)
    for client_id, accounts in DEMO_ACCOUNTS.items():
        bank, headers = banks[client_id]
        with httpx.Client(base_url=GATEWAY, headers=headers, timeout=60) as gateway:
            ledger = gateway.get(f"/api/risk/bank/accounts/{accounts[0][1]}/ledger")
            if ledger.raise_for_status().json()["as_of"] is not None:
                print(f"[seed] {bank} has already reported its demo accounts")
                continue
            for n in range(DEMO_DAYS):
                on = last - timedelta(days=DEMO_DAYS - 1 - n)
                rows = [_day(account, on, n, ratio(n)) for _, account, ratio in accounts]
                batch = {"batch_id": f"demo-{bank}-{on.isoformat()}", "rows": rows}
                gateway.post("/api/risk/bank/batches", json=batch).raise_for_status()
            print(f"[seed] {bank} reported {DEMO_DAYS} days for {len(accounts)} demo accounts")


def _agree(office: httpx.Client, account: str, agreement: dict, timeout: float = 60) -> None:
    """Risk learns institutions from the registry's events: retry until it knows this one."""

    def agreed() -> httpx.Response | None:
        reply = office.put(f"/api/risk/accounts/{account}", json=agreement)
        return None if reply.status_code == 404 else reply

    _until(agreed, f"risk to hear of {agreement['credit_code']}", timeout).raise_for_status()


def _day(account: str, on: date, n: int, cover: float) -> dict:
    """An account's day: an opening term's fees, a new enrolment every fifth day, three lessons
    released a day (一课一销), and a balance at `cover` times what is still owed."""
    received = 60_000 if n == 0 else 2_800 if n % 5 == 0 else 0
    owed = 60_000 + 2_800 * (n // 5) - 210 * (n + 1)
    return {
        "account": account,
        "day": on.isoformat(),
        "balance_yuan": round(owed * cover, 2),
        "prepaid_received_yuan": received,
        "lessons_delivered": 3,
        "released_yuan": 210,
        "refunds_yuan": 0,
    }


def seed_rated_cases() -> None:
    """Play each demo case to its rating through the gateway, unless its report is already in."""
    for wanted in DEMO["rated_cases"]:
        institution = next(i for i in DEMO["institutions"] if i["name"] == wanted["institution"])
        with httpx.Client(base_url=GATEWAY, timeout=30) as gateway:
            reporter = _headers(wanted["reporter"])
            mine = gateway.get("/api/patrol/incidents", params={"limit": 200}, headers=reporter)
            if any(i["description"] == wanted["description"] for i in mine.json()["data"]):
                print(f"[seed] demo case at {institution['name']} already reported")
                continue
            report = {
                "incident_type": wanted["incident_type"],
                "description": wanted["description"],
                "location": institution["location"],
                "institution_name": institution["name"],
                "institution_address": institution["address"],
            }
            incident = gateway.post("/api/patrol/incidents", json=report, headers=reporter)
            case_id = incident.raise_for_status().json()["incident_id"]
            _play_to_rating(gateway, case_id, wanted)
            rating = wanted["rating"]["satisfaction"]
            print(f"[seed] demo case {case_id} at {institution['name']} closed and rated {rating}")


def _play_to_rating(gateway: httpx.Client, case_id: str, wanted: dict) -> None:
    """Each officer reports and feeds back, the township closes, the grid confirms and rates."""
    case = f"/api/enforcement/cases/{case_id}"
    for officer, outcome in wanted["handling"].items():
        headers = _headers(officer)
        task = _until(
            lambda h=headers: gateway.get(
                "/api/enforcement/tasks", params={"case_id": case_id}, headers=h
            ).json()["data"],
            f"{officer}'s task on {case_id}",
        )[0]
        path = f"/api/enforcement/tasks/{task['task_id']}"
        gateway.post(f"{path}/acknowledge", headers=headers).raise_for_status()
        gateway.post(f"{path}/outcome", json=outcome, headers=headers).raise_for_status()
    gateway.post(f"{case}/verify", headers=_headers(wanted["township"])).raise_for_status()
    reporter = _headers(wanted["reporter"])
    _until(lambda: gateway.get(case, headers=reporter).json()["confirmation"], "confirmation")
    body = {"solved": True, "note": wanted["confirmation"]}
    gateway.post(f"{case}/confirmation", json=body, headers=reporter).raise_for_status()
    _until(lambda: gateway.get(case, headers=reporter).json()["rating"], "rating window")
    gateway.post(f"{case}/rating", json=wanted["rating"], headers=reporter).raise_for_status()


def _until(probe, what: str, timeout: float = 60):
    """What `probe` returns once it is something; the whistle answers through Kafka."""
    deadline = time.monotonic() + timeout
    while not (found := probe()):
        if time.monotonic() > deadline:
            raise SystemExit(f"[seed] gave up waiting for the {what}")
        time.sleep(0.5)
    return found


if __name__ == "__main__":
    sys.exit(main())
