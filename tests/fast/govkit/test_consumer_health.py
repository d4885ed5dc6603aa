"""A consumer group is `degraded` when messages waited a window ago and nothing was committed
since; busy or idle groups stay `up`."""

from __future__ import annotations

import pytest

from govkit.consumer_health import ConsumerWatch

pytestmark = pytest.mark.unit


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def watch() -> tuple[ConsumerWatch, Clock]:
    clock = Clock()
    return ConsumerWatch(window=60, clock=clock), clock


def looks(watch: ConsumerWatch, clock: Clock, samples: list[tuple[float, int, int]]) -> list[bool]:
    """(seconds, committed, lag) looks at one group; whether each found it stuck."""
    stuck = []
    for at, committed, lag in samples:
        clock.now = at
        stuck.append(watch.observe("bridge", "patrol.incidents", committed, lag))
    return stuck


def test_lag_that_grows_while_nothing_is_committed_is_stuck_after_the_window():
    w, clock = watch()
    assert looks(w, clock, [(0, 10, 1), (30, 10, 3), (61, 10, 5)]) == [False, False, True]


def test_a_group_that_commits_within_the_window_is_not_stuck():
    w, clock = watch()
    assert looks(w, clock, [(0, 10, 4), (61, 12, 6), (122, 20, 1)]) == [False, False, False]


def test_an_idle_group_that_just_received_messages_is_not_stuck():
    w, clock = watch()
    # Nothing waited a window ago: the records arrived since, and it has not had its turn.
    assert looks(w, clock, [(0, 10, 0), (61, 10, 2)]) == [False, False]


def test_a_stuck_group_is_up_again_once_it_commits():
    w, clock = watch()
    assert looks(w, clock, [(0, 10, 2), (61, 10, 2), (62, 12, 0)]) == [False, True, False]


def test_groups_and_topics_are_watched_apart():
    w, clock = watch()
    assert not w.observe("bridge", "patrol.incidents", 10, 2)
    clock.now = 61
    assert not w.observe("bridge", "enforcement.cases", 10, 2)
    assert not w.observe("patrol", "patrol.incidents", 10, 2)
    assert w.observe("bridge", "patrol.incidents", 10, 2)
