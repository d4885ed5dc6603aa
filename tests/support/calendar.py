"""A 2027 notice as an administrator would load it (dates illustrative until it is published)."""

from __future__ import annotations

from datetime import UTC, datetime

from contracts.events import CalendarDay, WorkingCalendarYearLoaded

HOLIDAYS_2027 = {
    "2027-01-01": "元旦",
    "2027-01-02": "元旦",
    "2027-01-03": "元旦",
    **{f"2027-02-{day:02d}": "春节" for day in range(6, 14)},
}
MAKEUP_2027 = {"2027-02-20": "春节调休"}
LOADED_AT = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def rows_2027() -> list[dict[str, str]]:
    """The notice as rows of `date`, `kind`, `name`: what the API and the import take."""
    return [{"date": d, "kind": "holiday", "name": n} for d, n in HOLIDAYS_2027.items()] + [
        {"date": d, "kind": "workday", "name": n} for d, n in MAKEUP_2027.items()
    ]


def csv_2027(rows: list[dict[str, str]] | None = None) -> bytes:
    lines = ["date,kind,name"] + [
        f"{r['date']},{r['kind']},{r['name']}" for r in rows or rows_2027()
    ]
    return ("\n".join(lines) + "\n").encode()


def loaded_2027(loaded_by: str = "admin_user") -> WorkingCalendarYearLoaded:
    """The event a load of the notice records on the calendar topic."""
    return WorkingCalendarYearLoaded(
        year=2027,
        holidays=[
            CalendarDay.model_validate({"date": d, "name": n}) for d, n in HOLIDAYS_2027.items()
        ],
        makeup_workdays=[
            CalendarDay.model_validate({"date": d, "name": n}) for d, n in MAKEUP_2027.items()
        ],
        loaded_by=loaded_by,
        loaded_at=LOADED_AT,
    )
