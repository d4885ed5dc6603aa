"""Calendar days in query strings: `YYYY-MM-DD` in Asia/Shanghai, both ends inclusive.

The checks raise ValueError because they run while a query is parsed, so a bad value is
answered 422 naming the parameter and what it accepts, like every other malformed parameter.
"""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import BeforeValidator, Field, ValidationInfo

LOCAL_TIME = ZoneInfo("Asia/Shanghai")
"""Whose calendar days the date filters mean (the working calendar's time zone)."""

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: object) -> object:
    """A calendar day written YYYY-MM-DD; anything else is refused saying so."""
    if value is None or isinstance(value, date):
        return value
    text = str(value)
    if _DAY.fullmatch(text):
        with contextlib.suppress(ValueError):  # e.g. 2026-02-30
            return date.fromisoformat(text)
    raise ValueError(f"日期格式错误 ({text!r} is not a day; expected YYYY-MM-DD, e.g. 2026-11-23)")


Day = Annotated[
    date | None,
    BeforeValidator(_day),
    Field(description="A day in Asia/Shanghai, YYYY-MM-DD, inclusive"),
]


def days_between(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """The UTC moments [start, end) the inclusive days first..last cover in Asia/Shanghai."""

    def midnight(day: date) -> datetime:
        return datetime.combine(day, time(), LOCAL_TIME).astimezone(UTC)

    return (
        midnight(first) if first else None,
        midnight(last + timedelta(days=1)) if last else None,
    )


def not_before(last: date | None, info: ValidationInfo, first_name: str) -> date | None:
    """The range's last day, checked against its first: an empty range is a caller's mistake,
    not an empty answer."""
    first = info.data.get(first_name)
    if first and last and first > last:
        raise ValueError(
            f"日期范围无效 ({first_name} {first} is after {info.field_name} {last}; "
            f"expected {first_name} <= {info.field_name})"
        )
    return last
