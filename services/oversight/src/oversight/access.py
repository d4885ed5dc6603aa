"""Who may read the leadership metrics, over which tasks, and which week ranges are valid."""

from __future__ import annotations

import re
from datetime import date

from govkit.principal import Principal

VIEWER_ROLES = frozenset(
    {"leader", "admin", "district_officer", "township_officer", "department_lead"}
)
CITY_WIDE_ROLES = frozenset({"leader", "admin"})

_WEEK = re.compile(r"(\d{4})-W(\d{2})")
# An attribute missing from the token must narrow the scope to nothing, never widen it.
_NOWHERE = "-"


def metrics_scope(principal: Principal) -> dict[str, str]:
    """Task columns that bound what `principal` may count; empty means city-wide."""
    if principal.has_any_role(CITY_WIDE_ROLES):
        return {}
    if "district_officer" in principal.roles:
        return {"district": principal.district or _NOWHERE}
    if "township_officer" in principal.roles:
        return {
            "district": principal.district or _NOWHERE,
            "township": principal.township or _NOWHERE,
        }
    return {
        "district": principal.district or _NOWHERE,
        "department": principal.department or _NOWHERE,
    }


def check_week(value: str | None) -> str | None:
    """An ISO week such as 2026-W47 (weeks 01-52, or 53 in the years that have one)."""
    if value is None:
        return None
    match = _WEEK.fullmatch(value)
    if match is None or not _week_exists(int(match[1]), int(match[2])):
        raise ValueError(
            f"周格式错误 ({value!r} is not an ISO week; expected YYYY-Www, e.g. 2026-W47)"
        )
    return value


def check_week_range(from_week: str | None, to_week: str | None) -> None:
    """Both ends are inclusive; an empty range is a caller's mistake, not an empty answer."""
    if from_week and to_week and from_week > to_week:
        raise ValueError(
            f"周范围无效 (from_week {from_week} is after to_week {to_week}; "
            "expected from_week <= to_week)"
        )


def _week_exists(year: int, week: int) -> bool:
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        return False
    return True
