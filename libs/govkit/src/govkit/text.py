"""Text people send: control characters (NUL above all, which PostgreSQL cannot store) refused."""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters but tab, line feed and carriage return."""


def has_control(text: str) -> bool:
    return CONTROL.search(text) is not None
