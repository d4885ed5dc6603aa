"""The working calendar: holidays on weekdays, make-up Saturdays, office hours."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from govkit.calendar import load_calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
CALENDAR = load_calendar()


def at(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def test_a_holiday_on_a_weekday_is_a_rest_day():
    assert date(2026, 10, 1).weekday() == 3  # National Day, a Thursday
    assert CALENDAR.is_rest_day(date(2026, 10, 1))


def test_a_make_up_saturday_is_a_working_day():
    assert date(2026, 10, 10).weekday() == 5
    assert CALENDAR.is_working_day(date(2026, 10, 10))
    assert CALENDAR.is_rest_day(date(2026, 10, 17))  # an ordinary Saturday


def test_working_time_stops_at_lunch_and_overnight():
    friday_11 = at(2026, 11, 20, 11, 0)
    # 1 h before lunch, then 3.5 h in the afternoon, then Monday morning
    assert CALENDAR.add_working_time(friday_11, timedelta(hours=1)) == at(2026, 11, 20, 12, 0)
    assert CALENDAR.add_working_time(friday_11, timedelta(hours=2)) == at(2026, 11, 20, 15, 0)
    assert CALENDAR.add_working_time(friday_11, timedelta(hours=5)) == at(2026, 11, 23, 9, 0)


def test_time_outside_office_hours_starts_counting_at_the_next_opening():
    sunday_night = at(2026, 11, 22, 22, 0)
    assert CALENDAR.add_working_time(sunday_night, timedelta(0)) == at(2026, 11, 23, 8, 30)


def test_national_day_week_is_skipped_and_the_make_up_saturday_counts():
    sept_30_17 = at(2026, 9, 30, 17, 0)
    # 30 min left on Sept 30; Oct 1-7 holiday, Oct 8-9 working, Oct 10 make-up Saturday
    assert CALENDAR.add_working_time(sept_30_17, timedelta(hours=0, minutes=30)) == at(
        2026, 9, 30, 17, 30
    )
    assert CALENDAR.add_working_time(sept_30_17, timedelta(minutes=31)) == at(2026, 10, 8, 8, 31)
    one_day = timedelta(hours=7)  # office hours make a 7-hour working day
    assert CALENDAR.add_working_time(at(2026, 10, 9, 8, 30), one_day) == at(2026, 10, 9, 17, 30)
    assert CALENDAR.add_working_time(at(2026, 10, 9, 17, 30), one_day) == at(2026, 10, 10, 17, 30)


def test_working_time_between_is_the_inverse_of_adding():
    start = at(2026, 11, 20, 16, 45)
    for hours in (0.25, 1, 7, 30, 7 * 15):
        end = CALENDAR.add_working_time(start, timedelta(hours=hours))
        assert CALENDAR.working_time_between(start, end) == timedelta(hours=hours)


def test_utc_inputs_come_back_in_utc():
    start = datetime(2026, 11, 20, 1, 0, tzinfo=ZoneInfo("UTC"))  # 09:00 in Shanghai
    end = CALENDAR.add_working_time(start, timedelta(hours=1))
    assert end == datetime(2026, 11, 20, 2, 0, tzinfo=ZoneInfo("UTC"))
    assert end.tzinfo == start.tzinfo


@pytest.mark.parametrize(
    "data, problem",
    [
        ('{"timezone": "Mars/Base", "working_hours": [["09:00", "17:00"]]}', "Mars"),
        ('{"timezone": "Asia/Shanghai", "working_hours": [["17:00", "09:00"]]}', "working_hours"),
    ],
)
def test_bad_calendar_data_is_refused(data, problem):
    with pytest.raises(Exception, match=problem):
        load_calendar(data)
