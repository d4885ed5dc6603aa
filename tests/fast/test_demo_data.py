"""The demo data agrees with itself: the registry with its lists, the realm with the routing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from contracts.vocabulary import IncidentType
from govkit.principal import Role
from institutions.domain.model import InstitutionData, ListStatus, State
from tests.fast.support import PEOPLE
from workflows.policy import load_routing_table

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
DEMO = json.loads((ROOT / "deploy/demo/demo-data.json").read_text())
REGISTRY = [InstitutionData.model_validate(row) for row in DEMO["registry"]]


def test_a_black_listed_institution_is_not_operating_with_approval():
    black = {i.name: i.state for i in REGISTRY if i.list_status == ListStatus.BLACK}
    assert black, "the demo has a black-listed institution for parents to find"
    assert {
        name: state for name, state in black.items() if state not in {State.BANNED, State.CLOSED}
    } == {}


def test_an_institution_without_any_licence_was_never_approved():
    unlicensed = [i for i in REGISTRY if not i.school_licence_no and not i.business_licence_no]
    assert unlicensed
    assert [i.name for i in unlicensed if i.state in {State.APPROVED, State.RECTIFYING}] == []


def routed_departments() -> set[str]:
    departments = set()
    for routing in load_routing_table().values():
        for route in (routing.default, *routing.by_category.values()):
            departments.update(route.departments)
    return departments


def test_every_routed_department_has_a_demo_officer_listed_in_the_readme():
    officers = {
        person.department: name
        for name, person in PEOPLE.items()
        if Role.DEPARTMENT_OFFICER in person.roles and person.district == "yuhua"
    }
    missing = sorted(d for d in routed_departments() if d not in officers)
    assert missing == [], f"no demo department_officer in yuhua for: {missing}"
    paragraph = (ROOT / "README.md").read_text().split("Demo logins", 1)[1].split("\n\n", 1)[0]
    logins = set(re.findall(r"`(\w+)`", paragraph))
    assert sorted(officers[d] for d in routed_departments() if officers[d] not in logins) == []


def test_each_rated_demo_case_is_handled_by_the_departments_its_report_calls():
    table = load_routing_table()
    institutions = {i["name"]: i for i in DEMO["institutions"]}
    assert {case["rating"]["satisfaction"] for case in DEMO["rated_cases"]} >= {"satisfied"}
    for case in DEMO["rated_cases"]:
        departments = table[IncidentType(case["incident_type"])].default.departments
        officers = [PEOPLE[name] for name in case["handling"]]
        assert sorted(o.department for o in officers) == sorted(departments), case["description"]
        reporter, township = PEOPLE[case["reporter"]], PEOPLE[case["township"]]
        assert Role.GRID_WORKER in reporter.roles and Role.TOWNSHIP_OFFICER in township.roles
        grid = institutions[case["institution"]]["grid"]
        assert reporter.township == township.township == grid.rsplit("-", 1)[0]
