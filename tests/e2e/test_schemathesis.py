"""Every operation of every service, fuzzed from its own OpenAPI document by schemathesis.

schemathesis' own engine (what its command line runs: examples, coverage of the boundaries
and fuzzing, valid and invalid inputs) runs against each service of the in-process platform
(real Keycloak, Kafka, Temporal; SQLite), seeded with a registry and a dispatched case, with
real tokens of the roles in `ROLES_OF` (every role, and no token), at most `MAX_EXAMPLES`
generated cases per operation and phase. Every response must be free of server errors (5xx)
and match the service's own document. The cases run are printed per service and role.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from dataclasses import dataclass, field

import httpx
import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, from_schema
from schemathesis.engine.events import FatalError, NonFatalError, ScenarioFinished

from tests.support.casework import act, read, task_of
from tests.support.registry import compliant_row, csv_file
from tests.support.reports import unlicensed_school_report
from tests.support.tokens import bearer, client_token, user_token

# Last in the session: it leaves thousands of odd records behind, which no other test should
# have to wade through (tests/conftest.py moves `runs_last` tests to the end).
pytestmark = [pytest.mark.e2e, pytest.mark.runs_last]

MAX_EXAMPLES = 5
USERS_BY_ROLE = {
    "grid_worker": "grid_dongtang",
    "township_officer": "township_dongtang",
    "district_officer": "district_yuhua",
    "department_officer": "edu_officer",
    "department_lead": "edu_lead",
    "inspector": "inspector_yuhua",
    "institution_staff": "staff_xingchen",
    "leader": "leader_city",
    "admin": "admin_user",
}
BANK_CLIENT = ("bank-changsha", "local-bank-changsha-secret")
ROLES_OF = {
    # Every role fuzzes the services it works with, and each service is fuzzed by at least one
    # role that may change it and one that may not (or no token), to keep the run to minutes.
    "patrol": ("grid_worker", "township_officer", "admin", "anonymous"),
    "enforcement": ("department_officer", "township_officer", "grid_worker", "admin"),
    "institutions": ("district_officer", "department_officer", "institution_staff", "anonymous"),
    "inspections": ("inspector", "institution_staff", "district_officer", "admin"),
    "risk": ("bank", "district_officer", "leader"),
    "oversight": ("leader", "department_lead"),
    "workflows": ("admin", "department_officer"),
}


@dataclass
class Tally:
    cases: int = 0
    failures: list[str] = field(default_factory=list)


def token_of(role: str) -> str | None:
    """A fresh real token for the role from Keycloak (a long run outlives one), or none."""
    if role == "anonymous":
        return None
    if role == "bank":
        return client_token(*BANK_CLIENT)
    return user_token(USERS_BY_ROLE[role])


def config(token: str | None) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "headers": {"Authorization": f"Bearer {token}"} if token else {},
            "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True},
            "phases": {"stateful": {"enabled": False}},
            "checks": {
                "enabled": False,
                "not_a_server_error": {"enabled": True},
                "response_schema_conformance": {"enabled": True},
            },
            "continue-on-failure": True,
            "request-timeout": 60,  # a 20,000-row batch on a busy machine
        }
    )


def fuzz(base_url: str, role: str, token: str | None, tally: Tally) -> None:
    """Every operation of the service at `base_url` with `token`, into `tally`."""
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json", config=config(token))
    for event in from_schema(schema).execute():
        if isinstance(event, FatalError | NonFatalError):
            tally.failures.append(f"as {role}: schemathesis error {event.info.format()[:800]}")
        if not isinstance(event, ScenarioFinished):
            continue
        recorder = event.recorder
        tally.cases += len(recorder.cases)
        for case_id, checks in recorder.checks.items():
            for check in checks:
                if check.status == Status.FAILURE:
                    tally.failures.append(_described(recorder, case_id, role, check))


def _described(recorder, case_id: str, role: str, check) -> str:
    case = recorder.cases[case_id].value
    interaction = recorder.interactions.get(case_id)
    response = interaction.response if interaction else None
    answer = f"{response.status_code} {response.content[:300]!r}" if response else "no response"
    failure = check.failure_info.failure if check.failure_info else None
    return (
        f"{recorder.label} as {role} [{check.name}]: {case.as_curl_command()[:400]}\n"
        f"  → {answer}\n  {str(failure)[:600]}"
    )


async def seed(gateway: httpx.AsyncClient, run_id: str) -> None:
    """Something to read back with its timestamps: a registry with a banned institution, and a
    reported incident whose whistle has dispatched its tasks."""
    rows = [
        compliant_row(random.Random(f"{run_id}-{n}"), name=f"模糊测试{run_id}{n}") for n in range(3)
    ]
    reply = await gateway.post(
        "/api/institutions/institutions/import",
        files={"file": ("seed.csv", csv_file(rows), "text/csv")},
        headers=bearer("district_yuhua"),
    )
    assert reply.status_code == 200, reply.text
    listing = await read(
        gateway, f"/api/institutions/institutions?q=模糊测试{run_id}", "district_yuhua"
    )
    first = listing["data"][0]["institution_id"]
    ban = {"to": "banned", "reason": "无证办学，依法取缔"}
    await act(gateway, f"/api/institutions/institutions/{first}/lifecycle", "district_yuhua", ban)
    incident = await act(
        gateway, "/api/patrol/incidents", "grid_dongtang", unlicensed_school_report()
    )
    await task_of(gateway, incident["incident_id"], "education", "edu_officer")


async def test_no_operation_answers_a_server_error_or_breaks_its_own_schema(
    platform, gateway, run_id
):
    await seed(gateway, run_id)
    tallies = {service: Tally() for service in ROLES_OF}
    for service, role in ((s, role) for s, roles in ROLES_OF.items() for role in roles):
        url, token = getattr(platform, f"{service}_url"), await asyncio.to_thread(token_of, role)
        started, cases = time.perf_counter(), tallies[service].cases
        # Blocking HTTP from a thread: the services run on this test's event loop.
        await asyncio.to_thread(fuzz, url, role, token, tallies[service])
        print(
            f"{service} as {role}: {tallies[service].cases - cases} cases "
            f"in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
    for service, tally in tallies.items():
        print(f"schemathesis {service}: {tally.cases} cases, {len(tally.failures)} failures")
    print(f"schemathesis total: {sum(t.cases for t in tallies.values())} cases")
    failures = list(itertools.chain.from_iterable(t.failures for t in tallies.values()))
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:60])
