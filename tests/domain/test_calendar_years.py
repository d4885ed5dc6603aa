"""The working calendar across the end of its loaded years: the weekday rule, a loaded year,
and the warning from 60 days before the loaded years run out."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from govkit.calendar import load_calendar
from govkit.calendar_feed import holiday_year
from tests.support.calendar import loaded_2027

pytestmark = pytest.mark.unit

SHANGHAI = ZoneInfo("Asia/Shanghai")
SHIPPED = load_calendar()
WITH_2027 = SHIPPED.with_year(holiday_year(loaded_2027()))
FIFTEEN_DAYS = timedelta(hours=7 * 15)  # office hours make a 7-hour working day


def at(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def test_a_year_nobody_loaded_works_monday_to_friday_in_office_hours():
    assert SHIPPED.years == (2026,)
    assert date(2027, 1, 1).weekday() == 4  # New Year's Day 2027 is a Friday
    assert SHIPPED.is_working_day(date(2027, 1, 1))
    assert SHIPPED.is_rest_day(date(2027, 1, 2)) and SHIPPED.is_rest_day(date(2027, 1, 3))
    # Thursday 31 Dec 17:00: half an hour left that day, the rest on Friday 1 January
    assert SHIPPED.add_working_time(at(2026, 12, 31, 17, 0), timedelta(hours=1)) == at(
        2027, 1, 1, 9, 0
    )


def test_a_loaded_new_year_holiday_moves_a_deadline_across_the_year_boundary():
    start = at(2026, 12, 30, 9, 0)
    assert SHIPPED.add_working_time(start, FIFTEEN_DAYS) == at(2027, 1, 20, 9, 0)
    assert WITH_2027.add_working_time(start, FIFTEEN_DAYS) == at(2027, 1, 21, 9, 0)
    assert WITH_2027.working_time_between(start, at(2027, 1, 21, 9, 0)) == FIFTEEN_DAYS


def test_a_make_up_saturday_of_a_loaded_year_is_worked():
    assert SHIPPED.is_rest_day(date(2027, 2, 20))
    assert WITH_2027.is_working_day(date(2027, 2, 20))
    friday_evening = at(2027, 2, 19, 17, 30)
    assert WITH_2027.add_working_time(friday_evening, timedelta(hours=1)) == at(2027, 2, 20, 9, 30)


@pytest.mark.parametrize("year", [2027, 2031, 2099])
def test_far_years_compute_without_error_or_endless_search(year):
    start = at(year, 12, 31, 12, 0)
    end = SHIPPED.add_working_time(start, timedelta(hours=7 * 100))
    assert end.year == year + 1
    assert SHIPPED.working_time_between(start, end) == timedelta(hours=7 * 100)


def test_loading_a_year_again_replaces_it_and_leaves_the_others():
    corrected = loaded_2027().model_copy(update={"holidays": loaded_2027().holidays[:1]})
    calendar = WITH_2027.with_year(holiday_year(corrected))
    assert calendar.years == (2026, 2027)
    assert [d for d in calendar.holidays if d.year == 2027] == [date(2027, 1, 1)]
    assert [d for d in calendar.holidays if d.year == 2026] == [
        d for d in SHIPPED.holidays if d.year == 2026
    ]


@pytest.mark.parametrize(
    "now, expected",
    [
        (datetime(2026, 10, 31, 15, 59, tzinfo=UTC), "ok: 工作日历已载入至 2026-12-31"),
        # 1 November 00:00 in Shanghai is 60 days before 31 December
        (datetime(2026, 10, 31, 16, 0, tzinfo=UTC), "warning: 工作日历仅载入至 2026-12-31"),
        (datetime(2026, 11, 23, 2, 0, tzinfo=UTC), "warning: 工作日历仅载入至 2026-12-31"),
        (datetime(2027, 1, 4, 2, 0, tzinfo=UTC), "warning: 工作日历未载入 2027 年"),
    ],
)
def test_the_coverage_warns_from_60_days_before_the_loaded_years_end(now, expected):
    assert SHIPPED.coverage(now).startswith(expected)


def test_the_warning_says_what_to_load_and_a_loaded_year_silences_it():
    november = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    assert SHIPPED.coverage(november).endswith(
        "(working calendar loaded up to 2026-12-31; load 2027)"
    )
    assert WITH_2027.coverage(november) == (
        "ok: 工作日历已载入至 2027-12-31 (working calendar loaded up to 2027-12-31)"
    )
    assert WITH_2027.coverage(datetime(2027, 11, 2, tzinfo=UTC)).startswith("warning:")
