"""Time rescoring 50,000 institutions (8 signals each) after a weight change, pure functions only.

`.venv/bin/python -m benchmarks.risk_rescore`: the shipped rules, then the same with the
complaint weight doubled; reports the time and how many levels the change moved.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from risk.domain.scoring import assess
from risk.rules import scoring_rules

INSTITUTIONS, SIGNALS = 50_000, 8
KINDS = (
    "complaint.hotline",
    "compliance.training_hours",
    "refund.request",
    "credit.poor",
    "inspection.normal",
)


@dataclass(frozen=True)
class Seen:
    signal_id: str
    kind: str
    occurred_at: datetime
    evidence: str = "bench"


def main() -> None:
    rng, now = random.Random(10), datetime.now(UTC)
    population = [
        (
            [
                Seen(f"{i}-{s}", rng.choice(KINDS), now - timedelta(days=rng.randint(0, 365)))
                for s in range(SIGNALS)
            ],
            rng.choice([None, 0.45, 0.7, 1.2, 2.0]),
        )
        for i in range(INSTITUTIONS)
    ]
    rules = scoring_rules()
    before = [assess(signals, ratio, rules, now).level for signals, ratio in population]
    weights = {**rules.weights, "complaint": rules.weights["complaint"] * 2}
    changed = rules.model_copy(update={"weights": weights})
    started = time.perf_counter()
    after = [assess(signals, ratio, changed, now).level for signals, ratio in population]
    elapsed = time.perf_counter() - started
    moved = sum(a != b for a, b in zip(before, after, strict=True))
    print(f"rescored {INSTITUTIONS:,} institutions in {elapsed:.2f} s; {moved:,} changed level")


if __name__ == "__main__":
    main()
