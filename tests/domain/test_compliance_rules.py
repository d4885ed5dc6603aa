"""The compliance rules at their boundaries, with parameters and calendar as data."""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import date
from importlib import resources

import pytest

from contracts.vocabulary import Severity
from govkit.calendar import load_calendar
from institutions.domain import compliance
from institutions.domain.compliance import Context
from institutions.domain.model import InstitutionData
from institutions.rules import load_parameters
from tests.support.registry import compliant_row, subject_row

pytestmark = pytest.mark.unit

PARAMETERS = load_parameters()
CALENDAR = load_calendar()
ORDINARY_DAY = date(2026, 11, 2)  # a Monday in term, far from any holiday


def context(today: date = ORDINARY_DAY, lookahead_days: int = 7) -> Context:
    parameters = dataclasses.replace(PARAMETERS, lookahead_days=lookahead_days)
    return Context(parameters, CALENDAR, today)


def institution(category: str = "non_subject", **changes) -> InstitutionData:
    row = (subject_row if category == "subject" else compliant_row)(random.Random(7), **changes)
    return InstitutionData.model_validate({k: v for k, v in row.items() if v != ""})


def rules_broken(data: InstitutionData, ctx: Context | None = None) -> list[str]:
    return [f.rule for f in compliance.evaluate(data, ctx or context())]


def test_compliant_institutions_break_no_rule():
    assert rules_broken(institution()) == []
    assert rules_broken(institution("subject")) == []


@pytest.mark.parametrize(("end", "broken"), [("20:30", False), ("20:31", True)])
def test_training_ends_by_half_past_eight(end, broken):
    data = institution(courses=f"少儿篮球@wed 18:30-{end} term")
    evidence = compliance.training_hours(data, context())
    assert (evidence is not None) == broken
    if broken:
        assert "20:31" in evidence


@pytest.mark.parametrize(
    ("plan", "broken"),
    [
        ("5000/60/3/prepaid", False),  # every limit exactly
        ("5000.01/60/3/prepaid", True),
        ("4000/61/3/prepaid", True),
        ("4000/60/4/prepaid", True),
    ],
)
def test_one_charge_covers_at_most_3_months_60_lessons_5000_yuan(plan, broken):
    data = institution(fee_plans=plan)
    assert (compliance.charge_limits(data, context()) is not None) == broken


def test_subject_course_on_a_weekday_holiday_is_found():
    thursday_course = institution("subject", courses="初中数学@thu 18:30-20:30 term")
    # 2026-10-01 (国庆节) is a Thursday.
    evidence = compliance.subject_rest_days(thursday_course, context(date(2026, 9, 28)))
    assert evidence is not None and "2026-10-01" in evidence
    assert compliance.subject_rest_days(thursday_course, context(ORDINARY_DAY)) is None


def test_a_make_up_working_saturday_is_a_training_day_and_other_saturdays_are_not():
    makeup_saturday, ordinary_saturday = date(2026, 10, 10), date(2026, 10, 17)
    assert compliance.training_day_allowed(makeup_saturday, context()) is True
    assert compliance.training_day_allowed(ordinary_saturday, context()) is False
    saturday_course = institution("subject", courses="初中数学@sat 09:00-11:00 term")
    on_makeup = context(makeup_saturday, lookahead_days=0)
    on_ordinary = context(ordinary_saturday, lookahead_days=0)
    assert compliance.subject_rest_days(saturday_course, on_makeup) is None
    assert "2026-10-17" in compliance.subject_rest_days(saturday_course, on_ordinary)


def test_weekend_courses_are_fine_for_non_subject_training():
    sports = institution(courses="少儿篮球@sun 09:00-11:00 holiday")
    assert compliance.subject_rest_days(sports, context(date(2026, 7, 15))) is None


def test_school_vacations_are_closed_to_subject_training():
    summer_day = date(2026, 7, 15)
    assert compliance.training_day_allowed(summer_day, context()) is False
    term_course = institution("subject", courses="初中数学@wed 18:30-20:30 term")
    assert compliance.subject_rest_days(term_course, context(summer_day, lookahead_days=0)) is None
    holiday_course = institution("subject", courses="初中数学暑期班@wed 09:00-11:00 holiday")
    assert "holiday-period" in compliance.subject_rest_days(holiday_course, context())


def test_staff_rules():
    data = institution(
        staff="王老师/qualified/serving/passed; 赵老师/unqualified/not_serving/pending"
    )
    assert "王老师" in compliance.serving_teachers(data, context())
    assert "赵老师" in compliance.teacher_qualification(data, context())


@pytest.mark.parametrize(("valid_until", "broken"), [("2026-11-02", False), ("2026-11-01", True)])
def test_licences_must_still_be_valid_today(valid_until, broken):
    data = institution(business_licence_valid_until=valid_until)
    assert (compliance.licences(data, context()) is not None) == broken


def test_missing_licence_department_fund_account_and_non_profit_registration():
    unlicensed = institution(school_licence_no="", school_licence_valid_until="")
    assert "school licence" in compliance.licences(unlicensed, context())
    assert (
        compliance.supervising_department(institution(supervising_department=""), context())
        is not None
    )
    assert compliance.prepaid_supervision(institution(fund_account=""), context()) is not None
    postpaid = institution(fund_account="", fee_plans="2400/24/3/postpaid")
    assert compliance.prepaid_supervision(postpaid, context()) is None
    assert rules_broken(institution("subject", non_profit="false")) == ["non_profit_registration"]


def test_findings_carry_the_severity_from_data():
    findings = compliance.evaluate(institution(fee_plans="6000/60/3/prepaid"), context())
    assert [(f.rule, f.severity) for f in findings] == [("charge_limits", Severity.URGENT)]


def test_schools_and_closed_institutions_are_not_checked():
    assert rules_broken(institution(kind="school", supervising_department="")) == []
    assert rules_broken(institution(state="closed", supervising_department="")) == []


def test_parameters_without_a_severity_for_every_rule_are_refused():
    raw = json.loads(resources.files("institutions.data").joinpath("compliance.json").read_text())
    del raw["severity"]["licences"]
    with pytest.raises(ValueError, match="licences"):
        load_parameters(json.dumps(raw))
