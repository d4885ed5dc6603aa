"""Times on the wire: instants carry their offset; a time of day says whose clock it is on.

JSON Schema's `time` format (RFC 3339) is a time with an offset; office hours are a time of
day on the wall clock of the time zone named beside them (Asia/Shanghai), so they travel as
`HH:MM:SS` text under a pattern that says so.
"""

from __future__ import annotations

from datetime import time
from typing import Annotated

from pydantic import AfterValidator, PlainSerializer, WithJsonSchema


def _on_the_wall_clock(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError(
            f"时刻不带时区 (a time of day takes no offset: got {value.isoformat()}; "
            "accepted: HH:MM or HH:MM:SS, on the Asia/Shanghai clock)"
        )
    return value


WallClockTime = Annotated[
    time,
    AfterValidator(_on_the_wall_clock),
    PlainSerializer(lambda value: value.isoformat(), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^[0-2]\d:[0-5]\d(:[0-5]\d)?$",
            "description": "A time of day on the wall clock of the time zone given beside it",
            "examples": ["08:30:00"],
        }
    ),
]
