"""Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a check digit.

The check digit catches a mistyped character in an imported file before it becomes a record
that no other agency can match.
"""

from __future__ import annotations

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, Z, S, V
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {char: value for value, char in enumerate(CHARSET)}


def check_character(first17: str) -> str:
    """The check character for the first 17 characters of a code."""
    total = sum(_VALUE[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def problem_with(code: str) -> str | None:
    """Why `code` is not a valid credit code (bilingual), or None when it is."""
    if len(code) != 18:
        return f"统一社会信用代码应为18位 (must be 18 characters, got {len(code)})"
    wrong = sorted({c for c in code if c not in _VALUE})
    if wrong:
        return (
            f"含有不允许的字符 {''.join(wrong)} (allowed: digits and capital letters "
            f"except I, O, Z, S, V)"
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"校验码错误 (check digit is {code[17]}, expected {expected} for this code)"
    return None
