"""GB 32100-2015 unified social credit codes: the check digit catches every single typo."""

from __future__ import annotations

import pytest

from institutions.domain.credit_code import CHARSET, check_character, problem_with

pytestmark = pytest.mark.unit

# A code published as the standard's worked example, and one computed here for a 雨花区
# private non-enterprise unit (5 civil affairs, 2 民办非企业, 430111 雨花区).
VALID = ("91350100M000100Y43", "52430111MJ56789017")


@pytest.mark.parametrize("code", VALID)
def test_valid_codes_pass(code):
    assert check_character(code[:17]) == code[17]
    assert problem_with(code) is None


@pytest.mark.parametrize("code", VALID)
def test_every_single_character_mutation_is_caught(code):
    for position, original in enumerate(code):
        for replacement in CHARSET.replace(original, ""):
            mutated = code[:position] + replacement + code[position + 1 :]
            assert problem_with(mutated) is not None, mutated


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("91350100M000100Y4", "18"),
        ("91350100M000100Y433", "18"),
        ("91350100MO00100Y43", "except I, O, Z, S, V"),
        ("91350100m000100y43", "except I, O, Z, S, V"),
        ("91350100M000100Y44", "expected 3"),
    ],
)
def test_problems_say_what_is_wrong_and_what_is_accepted(code, says):
    assert says in problem_with(code)
