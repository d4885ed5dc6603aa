"""Scoring's boundaries: thresholds, decay, hard rules, and the reasons each level carries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from risk.domain.scoring import Level, assess, decay, rules_from
from risk.rules import scoring_rules
from tests.fast.support import T0

RULES = rules_from(
    {
        "half_life_days": 10,
        "yellow_from": 30,
        "red_from": 60,
        "weights": {"complaint": 10, "complaint.tip": 15, "bank": 0},
        "hard_rules": [{"below": 0.5, "level": "red"}, {"below": 0.8, "level": "yellow"}],
    }
)


@dataclass(frozen=True)
class Seen:
    signal_id: str
    kind: str
    occurred_at: datetime = T0
    evidence: str = "家长投诉"


def complaints(n: int, kind: str = "complaint.hotline") -> list[Seen]:
    return [Seen(f"s-{i}", kind) for i in range(n)]


@pytest.mark.parametrize(
    ("count", "level"), [(2, Level.GREEN), (3, Level.YELLOW), (5, Level.YELLOW), (6, Level.RED)]
)
def test_thresholds_are_inclusive(count, level):
    assert assess(complaints(count), None, RULES, T0).level == level


def test_the_longest_kind_prefix_weighs_and_an_unknown_kind_weighs_nothing():
    assert RULES.weight("complaint.tip") == 15
    assert RULES.weight("complaint.hotline") == 10
    assert RULES.weight("police.staff_flag") == 0
    assessment = assess(
        [Seen("t", "complaint.tip"), Seen("x", "police.staff_flag")], None, RULES, T0
    )
    assert (assessment.score, assessment.made_by) == (15, ["t"])


def test_a_signal_halves_every_half_life_and_a_future_one_counts_whole():
    assert decay(T0 - timedelta(days=10), T0, 10) == 0.5
    assert decay(T0 - timedelta(days=20), T0, 10) == 0.25
    assert decay(T0 + timedelta(days=1), T0, 10) == 1
    old = [Seen(f"s-{i}", "complaint.x", T0 - timedelta(days=10)) for i in range(6)]
    assert assess(old, None, RULES, T0).level == Level.YELLOW  # 6 × 10 × ½ = 30


@pytest.mark.parametrize(
    ("ratio", "level"),
    [
        (None, Level.GREEN),
        (0.8, Level.GREEN),
        (0.79, Level.YELLOW),
        (0.5, Level.YELLOW),
        (0.4999, Level.RED),
    ],
)
def test_hard_rules_fire_strictly_below(ratio, level):
    assert assess([], ratio, RULES, T0).level == level


def test_a_hard_rule_names_itself_and_the_newest_bank_signal():
    signals = [
        Seen("bank-old", "bank.cover_ratio", T0 - timedelta(days=1)),
        Seen("bank-new", "bank.cover_ratio"),
        Seen("tip", "complaint.tip"),
    ]
    assessment = assess(signals, 0.42, RULES, T0)
    assert assessment.level == Level.RED
    assert assessment.made_by == ["bank-new", "tip"]
    assert assessment.reasons[0].startswith("资金覆盖率 0.42 低于 0.5")
    assert assessment.reasons[1] == "complaint.tip: 家长投诉 (+15.0)"


def test_a_score_above_a_hard_rule_keeps_its_own_level_and_reasons():
    assessment = assess(complaints(6), 0.7, RULES, T0)
    assert (assessment.level, assessment.hard_rule) == (Level.RED, None)


def test_thresholds_must_be_ordered_and_the_shipped_rules_load():
    with pytest.raises(ValueError, match="red_from must be above yellow_from"):
        rules_from({**RULES.model_dump(), "red_from": 30})
    assert scoring_rules().watched_below() == 0.8
