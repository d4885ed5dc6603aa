"""Scoring as data: weights by signal kind, decay over time, thresholds and hard rules.

Every level comes with what made it: the hard rule that fired, if any, and each signal's
points (its kind's weight halved every `half_life_days` since it occurred).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Level(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def rank(self) -> int:
        return list(Level).index(self)


class HardRule(BaseModel):
    """A cover ratio below `below` is at least `level`, whatever the score."""

    model_config = ConfigDict(frozen=True)

    below: float = Field(gt=0)
    level: Level


class ScoringRules(BaseModel):
    model_config = ConfigDict(frozen=True)

    half_life_days: float = Field(gt=0)
    yellow_from: float = Field(gt=0)
    red_from: float = Field(gt=0)
    weights: dict[str, float]
    hard_rules: list[HardRule]

    @model_validator(mode="after")
    def _ordered(self) -> ScoringRules:
        if self.red_from <= self.yellow_from:
            raise ValueError("red_from must be above yellow_from")
        return self

    def weight(self, kind: str) -> float:
        """The weight of the longest dotted prefix of `kind` in the table; 0 if none."""
        parts = kind.split(".")
        for end in range(len(parts), 0, -1):
            prefix = ".".join(parts[:end])
            if prefix in self.weights:
                return self.weights[prefix]
        return 0.0

    def watched_below(self) -> float:
        """The highest cover ratio any hard rule watches."""
        return max((rule.below for rule in self.hard_rules), default=0.0)


def rules_from(data: Mapping[str, Any]) -> ScoringRules:
    return ScoringRules.model_validate(data)


class Scorable(Protocol):
    @property
    def signal_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def evidence(self) -> str: ...
    @property
    def occurred_at(self) -> datetime: ...


class Contribution(BaseModel):
    signal_id: str
    kind: str
    evidence: str
    weight: float
    decay: float
    points: float


class Assessment(BaseModel):
    level: Level
    score: float
    cover_ratio: float | None
    hard_rule: str | None = Field(description="The hard rule that fired, if any")
    contributions: list[Contribution] = Field(description="Every signal with points, most first")
    made_by: list[str] = Field(description="The ids of the signals that made the level")
    reasons: list[str]


def decay(occurred_at: datetime, now: datetime, half_life_days: float) -> float:
    """1 for a signal from now (or the future), halved every `half_life_days` of age."""
    age_days = max((now - occurred_at).total_seconds(), 0) / 86400
    return float(0.5 ** (age_days / half_life_days))


def level_of(score: float, rules: ScoringRules) -> Level:
    if score >= rules.red_from:
        return Level.RED
    return Level.YELLOW if score >= rules.yellow_from else Level.GREEN


def fired_rule(cover_ratio: float | None, rules: ScoringRules) -> HardRule | None:
    """The most severe hard rule the cover ratio breaks (strictly below), or None."""
    broken = [r for r in rules.hard_rules if cover_ratio is not None and cover_ratio < r.below]
    return max(broken, key=lambda rule: rule.level.rank, default=None)


def assess(
    signals: Iterable[Scorable], cover_ratio: float | None, rules: ScoringRules, now: datetime
) -> Assessment:
    """The level, score and reasons of one institution from its signals and its cover ratio."""
    signals = list(signals)
    contributions = sorted(
        (
            Contribution(
                signal_id=s.signal_id,
                kind=s.kind,
                evidence=s.evidence,
                weight=weight,
                decay=round(factor, 4),
                points=round(weight * factor, 2),
            )
            for s in signals
            if (weight := rules.weight(s.kind)) > 0
            and (factor := decay(s.occurred_at, now, rules.half_life_days)) > 0
        ),
        key=lambda c: -c.points,
    )
    score = round(sum(c.points for c in contributions), 2)
    level = level_of(score, rules)
    rule = fired_rule(cover_ratio, rules)
    made_by = [c.signal_id for c in contributions]
    reasons = [f"{c.kind}: {c.evidence} (+{c.points})" for c in contributions]
    hard_rule = None
    if rule is not None and rule.level.rank >= level.rank:
        level = rule.level
        hard_rule = (
            f"资金覆盖率 {cover_ratio:.2f} 低于 {rule.below} (cover ratio below {rule.below})"
        )
        reasons.insert(0, hard_rule)
        bank = [s for s in signals if s.kind.startswith("bank.")]
        if bank:
            made_by.insert(0, max(bank, key=lambda s: s.occurred_at).signal_id)
    return Assessment(
        level=level,
        score=score,
        cover_ratio=cover_ratio,
        hard_rule=hard_rule,
        contributions=contributions,
        made_by=made_by,
        reasons=reasons,
    )
