"""The routing table and the clocks are data; every incident type reaches a lead department."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources

import pytest

from contracts.events import IncidentReported
from contracts.vocabulary import Department, IncidentType, InstitutionCategory, Severity
from govkit.calendar import load_calendar
from workflows.bridge import whistle_input
from workflows.policy import load_clock_policy, load_routing_table, parse_duration, route

pytestmark = pytest.mark.unit


def test_every_incident_type_is_routed_lead_first_with_a_severity():
    table = load_routing_table()
    assert set(table) == set(IncidentType)
    assert route(table, IncidentType.FIRE_HAZARD) == ((Department.FIRE_SAFETY,), Severity.URGENT)
    departments, severity = route(table, IncidentType.INSTITUTION_COLLAPSE)
    assert departments[0] == Department.PUBLIC_SECURITY and severity == Severity.URGENT


def test_a_non_subject_institution_is_led_by_its_supervising_department():
    table = load_routing_table()
    sports, _ = route(table, IncidentType.UNLICENSED_SCHOOL, InstitutionCategory.SPORTS)
    subject, _ = route(table, IncidentType.UNLICENSED_SCHOOL, InstitutionCategory.SUBJECT)
    assert sports[0] == Department.SPORTS
    assert subject[0] == Department.EDUCATION  # no special entry: the default route


def test_a_table_missing_a_type_or_naming_an_unknown_department_is_refused():
    entry = {"lead": "education", "severity": "normal"}
    with pytest.raises(ValueError, match="fire_hazard"):
        load_routing_table(
            json.dumps({t.value: entry for t in IncidentType if t != IncidentType.FIRE_HAZARD})
        )
    with pytest.raises(ValueError, match="tax_bureau"):
        load_routing_table(
            json.dumps({t.value: {**entry, "lead": "tax_bureau"} for t in IncidentType})
        )


def test_the_packaged_clocks_follow_the_rules():
    policy = load_clock_policy()
    assert policy.acknowledge.within_seconds == 30 * 60
    assert policy.handle["urgent"].within_seconds == 2 * 3600
    assert policy.handle["normal"].within_seconds == 24 * 3600
    assert policy.handle["complex"].working_time  # 15 working days
    assert policy.ruling.ladder == ["district_office", "city_leadership"]
    assert policy.closure is not None
    confirm, rating = policy.closure.confirm, policy.closure.rating
    assert (confirm.within_seconds, confirm.working_time) == (14 * 3600, True)  # 2 working days
    assert confirm.escalate_to == "district_office"
    assert (rating.within_seconds, rating.working_time) == (72 * 3600, False)


def test_a_confirmation_escalates_to_a_rung_that_has_no_department():
    raw = json.loads(resources.files("workflows.data").joinpath("clocks.json").read_text())
    raw["confirm"]["escalate_to"] = "department_lead"
    with pytest.raises(ValueError, match="no department"):
        load_clock_policy(json.dumps(raw))


@pytest.mark.parametrize("text", ["30", "m30", "1.5h", "2d", ""])
def test_a_duration_must_be_a_number_and_a_unit(text):
    with pytest.raises(ValueError, match="s|m|h"):
        parse_duration(text)


def test_a_policy_without_a_rule_for_every_severity_is_refused():
    raw = json.loads(resources.files("workflows.data").joinpath("clocks.json").read_text())
    del raw["handle"]["complex"]
    with pytest.raises(ValueError, match="complex"):
        load_clock_policy(json.dumps(raw))


def _report(**changes) -> IncidentReported:
    fields = {
        "incident_id": "i-1",
        "incident_type": IncidentType.UNLICENSED_SCHOOL,
        "description": "居民楼内无证开展培训",
        "location": {"latitude": 28.11, "longitude": 113.01},
        "institution_name": "飞跃篮球训练营",
        "institution_address": "雨花区东塘街道",
        "reporter": "grid_dongtang",
        "district": "yuhua",
        "township": "dongtang",
        "grid": "dongtang-01",
        "reported_at": datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
    }
    return IncidentReported(**(fields | changes))


def test_a_whistle_follows_the_category_and_a_townships_own_choice_wins():
    table, policy, calendar = load_routing_table(), load_clock_policy(), load_calendar()
    sports = whistle_input(_report(institution_category="sports"), table, policy, calendar)
    assert (sports.departments, sports.severity) == (["sports", "market_supervision"], "normal")
    chosen = whistle_input(
        _report(departments=["fire_safety"], severity="urgent"), table, policy, calendar
    )
    assert (chosen.departments, chosen.severity) == (["fire_safety"], "urgent")
    assert "飞跃篮球训练营" in chosen.summary
