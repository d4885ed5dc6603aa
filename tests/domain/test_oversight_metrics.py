"""Leadership metrics from facts: the definitions at their boundaries, scope and week checks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from govkit.principal import Principal
from oversight.domain.access import metrics_scope
from oversight.domain.facts import CaseFacts, EndState, Rating, TaskFacts
from oversight.domain.metrics import GroupBy, MeanSeconds, Ratio, aggregate
from oversight.domain.query import check_week, check_week_range

pytestmark = pytest.mark.unit
T0 = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)


def task(task_id: str, **changes) -> TaskFacts:
    base = TaskFacts(
        task_id=task_id,
        case_id=task_id.split(":")[0],
        department="education",
        district="yuhua",
        township="dongtang",
        week="2026-W47",
        dispatched_at=T0,
        acknowledge_by=T0 + timedelta(minutes=30),
        handle_by=T0 + timedelta(days=3),
    )
    return replace(base, **changes)


def case(case_id: str, closed_at: datetime | None = None, **changes) -> CaseFacts:
    return replace(CaseFacts(case_id, "yuhua", "dongtang", T0, closed_at), **changes)


def ack(minutes: float, on_time: bool) -> dict:
    return {"acknowledged_at": T0 + timedelta(minutes=minutes), "acknowledged_on_time": on_time}


def fed(on_time: bool, rework: int = 0) -> dict:
    return {
        "fed_back_at": T0 + timedelta(days=2),
        "fed_back_on_time": on_time,
        "rework_count": rework,
    }


def test_rates_and_means_over_counted_tasks():
    tasks = [
        task("c1:education", **ack(30, True), **fed(True), end_state=EndState.CLOSED),
        task("c2:education", **ack(45.5, False), **fed(False, rework=2), escalations=2),
        task("c3:education", escalations=1, max_escalation_level=3),  # never acknowledged
        task("c4:education", **ack(10, True), end_state=EndState.REASSIGNED, escalations=1),
        task("c5:education", end_state=EndState.RELEASED),
    ]
    cases = {"c1": case("c1", T0 + timedelta(days=2, seconds=7)), "c4": case("c4", T0)}
    [metrics] = aggregate(tasks, cases, GroupBy.DEPARTMENT)
    assert metrics.group == "education"
    assert metrics.tasks_dispatched == 5
    assert metrics.response_rate == Ratio(numerator=1, denominator=3)
    assert metrics.on_time_completion_rate == Ratio(numerator=1, denominator=2)
    assert metrics.rework_rate == Ratio(numerator=1, denominator=2)
    assert (metrics.overdue_tasks, metrics.escalations, metrics.max_escalation_level) == (3, 4, 3)
    # 30 min and 45.5 min, rounded down to whole seconds each: 1800 + 2730.
    assert metrics.time_to_acknowledge == MeanSeconds(total_seconds=4530, count=2)
    assert metrics.time_to_acknowledge.seconds == 2265.0
    # Only c1 is a closed case of a counted task (c4's task was reassigned).
    assert metrics.time_to_close == MeanSeconds(total_seconds=2 * 86400 + 7, count=1)
    assert metrics.cases_closed == 1


def test_resolution_and_satisfaction_are_over_closed_cases_each_counted_once():
    closed = T0 + timedelta(days=2)
    ratings = {
        "c1": {"solved": True, "rating": Rating.SATISFIED},
        "c2": {"solved": True, "rating": Rating.BASICALLY_SATISFIED},
        "c3": {"solved": True, "rating": Rating.DISSATISFIED},
        "c4": {"solved": True, "rating": Rating.NOT_RATED},
        "c5": {"solved": True},  # its rating window still open
        "c6": {},  # closed, awaiting its confirmation (or never confirmed): not solved
    }
    cases = {c: case(c, closed, **changes) for c, changes in ratings.items()}
    cases["c7"] = case("c7", solved=False)  # re-opened: neither closed nor solved
    cases["c8"] = case("c8", closed, solved=True, rating=Rating.SATISFIED)  # its task released
    tasks = [task(f"{c}:education") for c in ratings] + [
        task("c1:market", department="market_supervision"),  # c1 once more, another department
        task("c7:education"),
        task("c8:education", end_state=EndState.RELEASED),
    ]
    education, market = aggregate(tasks, cases, GroupBy.DEPARTMENT)
    assert education.cases_closed == 6
    assert education.resolution_rate == Ratio(numerator=5, denominator=6)
    assert education.satisfaction_rate == Ratio(numerator=2, denominator=3)
    assert education.not_rated_share == Ratio(numerator=1, denominator=4)
    assert market.resolution_rate == Ratio(numerator=1, denominator=1)
    [everyone] = aggregate(tasks, cases, GroupBy.WEEK)
    assert everyone.resolution_rate == Ratio(numerator=5, denominator=6)  # c1 counted once


def test_groups_are_ordered_and_empty_denominators_have_no_value():
    tasks = [
        task("c1:market", department="market_supervision", township="guitang", week="2026-W48"),
        task("c2:education"),
    ]
    by_week = aggregate(tasks, {}, GroupBy.WEEK)
    assert [m.group for m in by_week] == ["2026-W47", "2026-W48"]
    assert [m.group for m in aggregate(tasks, {}, GroupBy.TOWNSHIP)] == ["dongtang", "guitang"]
    only = aggregate([task("c9:education", end_state=EndState.RELEASED)], {}, GroupBy.WEEK)[0]
    assert only.response_rate.model_dump() == {"numerator": 0, "denominator": 0, "value": None}
    assert only.time_to_close.model_dump() == {"total_seconds": 0, "count": 0, "seconds": None}
    assert aggregate([], {}, GroupBy.DEPARTMENT) == []


def principal(*roles: str, **where) -> Principal:
    return Principal("sub", "someone", frozenset(roles), **where)


def test_scope_by_role_and_missing_attributes_narrow_to_nothing():
    assert metrics_scope(principal("leader")).filters() == {}
    assert metrics_scope(principal("district_officer", district="yuhua")).filters() == {
        "district": "yuhua"
    }
    assert metrics_scope(
        principal("township_officer", district="yuhua", township="dongtang")
    ).filters() == {
        "district": "yuhua",
        "township": "dongtang",
    }
    assert metrics_scope(
        principal("department_lead", department="education", district="yuhua")
    ).filters() == {"district": "yuhua", "department": "education"}
    assert metrics_scope(principal("department_lead")).filters() == {
        "district": "-",
        "department": "-",
    }


@pytest.mark.parametrize("week", ["2026-W01", "2026-W47", "2026-W53", None])
def test_valid_weeks(week):
    assert check_week(week) == week


@pytest.mark.parametrize("week", ["2025-W53", "2026-W00", "2026-47", "2026-W7", "W47"])
def test_invalid_weeks_say_what_is_accepted(week):
    with pytest.raises(ValueError, match="expected YYYY-Www, e.g. 2026-W47"):
        check_week(week)


def test_week_range_must_not_be_reversed():
    check_week_range("2026-W47", "2026-W47")
    check_week_range(None, "2026-W01")
    with pytest.raises(ValueError, match="from_week 2026-W48 is after to_week 2026-W47"):
        check_week_range("2026-W48", "2026-W47")
