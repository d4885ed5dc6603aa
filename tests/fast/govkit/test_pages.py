"""A list counted up to a cap says so, and never shows a count past the cap."""

from govkit.http import Page


def test_a_count_past_the_cap_is_shown_as_the_cap_and_flagged():
    capped = Page[int].counted_up_to([1, 2], 11, cap=10)
    assert (capped.count, capped.count_capped) == (10, True)


def test_a_count_within_the_cap_is_exact():
    exact = Page[int].counted_up_to([1, 2], 10, cap=10)
    assert (exact.count, exact.count_capped) == (10, False)
