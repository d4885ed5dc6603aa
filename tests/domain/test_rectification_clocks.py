"""An order's clock as pure functions: terms in working days, the reminder, the ladder's rungs."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from contracts.vocabulary import Severity
from govkit.calendar import load_calendar
from inspections.domain.deadlines import first_deadline
from workflows.rectification_clocks import due_actions, next_due, working_days_after
from workflows.rectification_model import OrderClock, load_rectification_rules

pytestmark = pytest.mark.unit

SHANGHAI = ZoneInfo("Asia/Shanghai")
CALENDAR, RULES = load_calendar(), load_rectification_rules()
ISSUED = datetime(2026, 11, 23, 9, 0, tzinfo=SHANGHAI)  # a Monday
DEADLINE = datetime(2026, 12, 7, 17, 30, tzinfo=SHANGHAI)  # 10 working days later, at close


def at(day: str, clock: str = "17:30") -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=SHANGHAI)


def order_clock(**changes) -> OrderClock:
    return OrderClock(**({"order_id": "o-1", "deadline": DEADLINE, "started": ISSUED} | changes))


def test_a_term_skips_the_national_day_holiday_and_counts_its_make_up_saturday():
    issued = at("2026-09-29", "10:00")
    assert working_days_after(issued, 5, CALENDAR) == at("2026-10-12")


def test_a_term_counts_as_inspections_counts_the_first_deadline_on_every_day_of_the_year():
    day = date(2026, 1, 1)
    while day.year == 2026:
        issued = datetime.combine(day, datetime.min.time(), SHANGHAI) + timedelta(hours=15)
        for severity in Severity:
            days = RULES.term_working_days[severity]
            assert working_days_after(issued, days, CALENDAR) == first_deadline(
                issued, days, CALENDAR
            ), (day, severity)
        day += timedelta(days=1)


def test_the_reminder_comes_two_office_days_before_then_the_rungs_every_five_working_days():
    clock = order_clock()
    assert next_due(clock, RULES, CALENDAR, ISSUED) == at("2026-12-03")
    assert [
        (a.key, a.at, a.level) for a in due_actions(clock, RULES, CALENDAR, at("2027-01-04"))
    ] == [
        ("0:remind", at("2026-12-03"), 0),
        ("0:supervision_notice", DEADLINE, 1),
        ("0:public_notice", at("2026-12-14"), 2),
        ("0:formal_talk", at("2026-12-21"), 3),
        ("0:disciplinary_accountability", at("2026-12-28"), 4),
    ]


def test_what_is_done_is_not_due_again_and_a_stopped_clock_has_nothing_due():
    clock = order_clock(done=["0:remind", "0:supervision_notice"])
    assert [a.key for a in due_actions(clock, RULES, CALENDAR, at("2026-12-14"))] == [
        "0:public_notice"
    ]
    assert next_due(clock, RULES, CALENDAR, at("2026-12-14")) == at("2026-12-21")
    stopped = order_clock(running=False)
    assert due_actions(stopped, RULES, CALENDAR, at("2027-06-01")) == []
    assert next_due(stopped, RULES, CALENDAR, ISSUED) is None


def test_a_later_terms_ladder_goes_on_from_the_rung_reached_and_names_its_cycle():
    reopened = order_clock(cycle=1, first_rung=1, level=1, done=["0:supervision_notice"])
    due = due_actions(reopened, RULES, CALENDAR, at("2026-12-14"))
    assert [(a.key, a.rung, a.level) for a in due] == [
        ("1:remind", None, 0),
        ("1:public_notice", "public_notice", 2),
        ("1:formal_talk", "formal_talk", 3),
    ]
    assert due[1].at == DEADLINE


def test_a_term_no_longer_than_the_lead_gets_no_reminder():
    short = order_clock(started=at("2026-12-04", "09:00"))
    assert [a.key for a in due_actions(short, RULES, CALENDAR, DEADLINE)] == [
        "0:supervision_notice"
    ]
