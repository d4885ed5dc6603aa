"""Who gets which live event: the case's jurisdiction is learned from the events that carry it,
and each caller gets what the services' own read rules would show them."""

from __future__ import annotations

import pytest

from gateway.live import CaseIndex
from govkit.principal import Principal

pytestmark = pytest.mark.unit

REPORTED = "gov.patrol.IncidentReported.v1"
DISPATCHED = "gov.enforcement.DepartmentTaskDispatched.v1"
ACKNOWLEDGED = "gov.enforcement.TaskAcknowledged.v1"
CLOSED = "gov.enforcement.CaseClosed.v1"
AT = "2026-11-24T01:00:00Z"


def person(username: str, role: str, **where: str) -> Principal:
    return Principal(username, username, frozenset({role}), **where)


EDU = person("edu_officer", "department_officer", department="education", district="yuhua")
EDU_FURONG = person("edu_furong", "department_officer", department="education", district="furong")
FIRE = person("fire_officer", "department_officer", department="fire_safety", district="yuhua")
DONGTANG = person("township_dongtang", "township_officer", district="yuhua", township="dongtang")
GUITANG = person("township_guitang", "township_officer", district="yuhua", township="guitang")
DISTRICT = person("district_yuhua", "district_officer", district="yuhua")
GRID = person("grid_dongtang", "grid_worker", district="yuhua", township="dongtang", grid="dt-01")
OTHER_GRID = person("grid_x", "grid_worker", district="yuhua", township="dongtang", grid="dt-02")
LEADER = person("leader_city", "leader")
INSPECTOR = person("inspector_yuhua", "inspector", district="yuhua")


def seen_by(event) -> set[str]:
    everyone = (EDU, EDU_FURONG, FIRE, DONGTANG, GUITANG, DISTRICT, GRID, OTHER_GRID, LEADER)
    return {p.username for p in everyone + (INSPECTOR,) if event.visible_to(p)}


@pytest.fixture
def index() -> CaseIndex:
    index = CaseIndex()
    report = {"incident_id": "c1", "district": "yuhua", "township": "dongtang", "grid": "dt-01"}
    index.fold(REPORTED, AT, report | {"reporter": "grid_dongtang", "description": "…"})
    return index


def test_a_report_reaches_its_reporter_and_the_area_above_not_the_departments(index):
    report = {"incident_id": "c2", "district": "yuhua", "township": "dongtang", "grid": "dt-01"}
    event = index.fold(REPORTED, AT, report | {"reporter": "grid_dongtang"})
    assert event.data == {"case_id": "c2", "type": REPORTED, "occurred_at": AT}
    assert seen_by(event) == {"grid_dongtang", "township_dongtang", "district_yuhua", "leader_city"}


def test_a_task_reaches_its_department_in_its_district_and_the_case_s_area(index):
    dispatch = {"task_id": "c1:education", "case_id": "c1", "department": "education"}
    event = index.fold(DISPATCHED, AT, dispatch | {"district": "yuhua", "township": "dongtang"})
    assert event.data == dispatch | {"type": DISPATCHED, "occurred_at": AT}
    expected = {"edu_officer", "township_dongtang", "district_yuhua", "grid_dongtang"}
    assert seen_by(event) == expected | {"leader_city"}
    acknowledged = {"task_id": "c1:education", "case_id": "c1", "department": "education"}
    assert seen_by(index.fold(ACKNOWLEDGED, AT, acknowledged)) == expected | {"leader_city"}


def test_a_case_event_reaches_every_department_called_onto_it(index):
    for department in ("education", "fire_safety"):
        task = {"task_id": f"c1:{department}", "case_id": "c1", "department": department}
        index.fold(DISPATCHED, AT, task | {"district": "yuhua", "township": "dongtang"})
    closed = index.fold(CLOSED, AT, {"case_id": "c1", "incident_id": "c1", "verified_by": "t"})
    assert seen_by(closed) == {
        "edu_officer",
        "fire_officer",
        "township_dongtang",
        "district_yuhua",
        "grid_dongtang",
        "leader_city",
    }


def test_a_case_nobody_told_the_gateway_about_reaches_only_the_city():
    event = CaseIndex().fold(CLOSED, AT, {"case_id": "c9", "incident_id": "c9", "verified_by": "t"})
    assert seen_by(event) == {"leader_city"}


def test_an_event_about_no_case_is_not_sent():
    measure = {"department": "education", "district": "yuhua", "measure": "督办单"}
    assert CaseIndex().fold("gov.enforcement.AccountabilityMeasureIssued.v1", AT, measure) is None
