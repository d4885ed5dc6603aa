"""A time of day is on the wall clock: written HH:MM:SS, documented so, refused with an offset."""

from __future__ import annotations

from datetime import time

import pytest
from pydantic import TypeAdapter, ValidationError

from govkit.times import WallClockTime

pytestmark = pytest.mark.unit
WALL_CLOCK = TypeAdapter(WallClockTime)


def test_a_time_of_day_travels_as_text_under_a_pattern_not_the_rfc_3339_time_format():
    assert WALL_CLOCK.dump_python(time(8, 30), mode="json") == "08:30:00"
    assert WALL_CLOCK.validate_python("08:30") == time(8, 30)
    schema = WALL_CLOCK.json_schema(mode="serialization")
    assert "format" not in schema and schema["pattern"].startswith("^")


def test_a_time_with_an_offset_is_refused_saying_what_is_accepted():
    with pytest.raises(ValidationError, match="accepted: HH:MM or HH:MM:SS"):
        WALL_CLOCK.validate_python("09:00:00+08:00")
