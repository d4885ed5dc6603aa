"""The accountability ladder (督办单 → 通报 → 约谈 → 问责) as a rule that is data.

Every missed deadline of a department (an acknowledge or handle escalation, counted once per
missed deadline, never per rung) adds to its count for the month; reaching a threshold issues
that measure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from contracts.events import AccountabilityMeasureIssued, TaskEscalated
from contracts.vocabulary import AccountabilityMeasure, Clock

COUNTED_CLOCKS = frozenset({Clock.ACKNOWLEDGE, Clock.HANDLE})


@dataclass(frozen=True)
class AccountabilityRule:
    timezone: str
    thresholds: tuple[tuple[int, AccountabilityMeasure], ...]

    def period_of(self, moment: datetime) -> str:
        return moment.astimezone(ZoneInfo(self.timezone)).strftime("%Y-%m")

    def measure_at(self, misses: int) -> AccountabilityMeasure | None:
        """The measure issued when the count reaches exactly `misses`, if any."""
        return next((m for count, m in self.thresholds if count == misses), None)


def parse_accountability_rule(text: str) -> AccountabilityRule:
    """The rule from its JSON: a timezone and rising thresholds, the first at least 1."""
    raw = json.loads(text)
    thresholds = tuple(
        (int(t["misses"]), AccountabilityMeasure(t["measure"])) for t in raw["thresholds"]
    )
    counts = [count for count, _ in thresholds]
    if not counts or counts != sorted(set(counts)) or counts[0] < 1:
        raise ValueError(f"thresholds must be rising counts from 1 up, got {counts}")
    ZoneInfo(raw["timezone"])
    return AccountabilityRule(raw["timezone"], thresholds)


def counts_as_miss(escalation: TaskEscalated) -> bool:
    """A department's own deadline was missed (a ruling escalation is the township's)."""
    return escalation.clock in COUNTED_CLOCKS


def measure_issued(
    rule: AccountabilityRule, escalation: TaskEscalated, misses: int, *, measure_id: str
) -> AccountabilityMeasureIssued | None:
    """The measure the `misses`-th miss of the period triggers, if it reaches a threshold."""
    measure = rule.measure_at(misses)
    if measure is None or escalation.district is None:
        return None
    return AccountabilityMeasureIssued(
        measure_id=measure_id,
        case_id=escalation.case_id,
        task_id=escalation.task_id,
        department=escalation.department,
        district=escalation.district,
        measure=measure,
        misses=misses,
        period=rule.period_of(escalation.escalated_at),
        issued_at=escalation.escalated_at,
    )
