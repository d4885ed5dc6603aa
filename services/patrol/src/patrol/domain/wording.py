"""How much a text must say, counted in meaning rather than characters.

A Chinese character (汉字) carries about what a short Latin word does: "周末补课" (weekend
tutoring) is a whole report in four characters, and "补课" already names the thing. So a text
says something with at least 2 汉字, or else at least 5 letters of any other script
("fraud"); digits, spaces and punctuation alone say nothing.
"""

from __future__ import annotations

import unicodedata

MIN_HAN = 2
MIN_LETTERS = 5
RULE = f"at least {MIN_HAN} Chinese characters (汉字) or {MIN_LETTERS} letters, e.g. 周末补课"


def _is_han(character: str) -> bool:
    return unicodedata.name(character, "").startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEO"))


def says_something(text: str) -> bool:
    """At least 2 汉字, or at least 5 letters of other scripts."""
    han = sum(map(_is_han, text))
    letters = sum(character.isalpha() and not _is_han(character) for character in text)
    return han >= MIN_HAN or letters >= MIN_LETTERS


def meaningful(text: str) -> str:
    """The text itself, or a refusal saying what is needed (a validator: ValueError is a 422)."""
    if not says_something(text):
        raise ValueError(f"内容过短，请写明发生了什么 (too short to say what happened: {RULE})")
    return text
