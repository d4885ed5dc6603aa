"""What is wrong with the rows of an imported file or batch, reported within a bound.

A file of 20,000 bad rows is answered with its first `MAX_REPORTED_ERRORS` problems and how
many there are in all, not with every one of them.
"""

from __future__ import annotations

from typing import TypedDict

from pydantic import BaseModel, Field, ValidationError

MAX_REPORTED_ERRORS = 100


class RowError(BaseModel):
    row: int = Field(description="As a spreadsheet numbers it (a batch's rows from 1)")
    field: str
    reason: str


def row_errors(number: int, exc: ValidationError) -> list[RowError]:
    """Each field a row's validation refused, as (row, field, reason)."""
    return [
        RowError(
            row=number,
            field=".".join(str(part) for part in e["loc"]) or "row",
            reason=e["msg"].removeprefix("Value error, "),
        )
        for e in exc.errors()
    ]


class RowReport(BaseModel):
    """How many rows were refused, how many problems they had, and the first of them."""

    rejected_rows: int
    error_count: int = Field(description="Every problem found, reported or not")
    errors: list[RowError] = Field(
        description=f"The first {MAX_REPORTED_ERRORS} problems, by row",
        max_length=MAX_REPORTED_ERRORS,
    )


class ReportFields(TypedDict):
    rejected_rows: int
    error_count: int
    errors: list[RowError]


def reported(errors: list[RowError]) -> ReportFields:
    """The fields of a `RowReport` for these errors: counted whole, listed up to the bound."""
    ordered = sorted(errors, key=lambda e: e.row)
    return {
        "rejected_rows": len({e.row for e in errors}),
        "error_count": len(errors),
        "errors": ordered[:MAX_REPORTED_ERRORS],
    }
