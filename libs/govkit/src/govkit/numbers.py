"""Bounds for numbers people send: every one fits a 64-bit column and a JSON number.

Floats also refuse NaN and infinity (`allow_inf_nan=False`): `1e400` parses as infinity.
"""

from __future__ import annotations

MAX_YUAN = 1_000_000_000_000
"""An amount of money in yuan: a trillion is beyond any institution's accounts."""
MAX_COUNT = 1_000_000_000
"""A count of things (lessons, rows): a billion."""
