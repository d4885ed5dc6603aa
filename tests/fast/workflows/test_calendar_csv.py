"""A calendar CSV with bare carriage returns reads; one past csv's own limits is a 422."""

from __future__ import annotations

import pytest

from govkit.errors import Invalid
from workflows.calendar_files import read_notice

pytestmark = pytest.mark.unit


def test_bare_carriage_returns_end_lines():
    notice, rows = read_notice(
        "2027.csv", b"date,kind,name\r2027-01-01,holiday,\xe5\x85\x83\xe6\x97\xa6\r"
    )
    assert (notice, rows) == (
        None,
        [(2, {"date": "2027-01-01", "kind": "holiday", "name": "元旦"})],
    )


def test_a_field_past_the_csv_limit_is_refused_by_name():
    with pytest.raises(Invalid, match="not a readable CSV file: field larger than field limit"):
        read_notice("2027.csv", b"date,kind,name\n" + b"y" * 200_000)
