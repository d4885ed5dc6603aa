"""The scoring rules, read once from the data file."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from risk.domain.scoring import ScoringRules, rules_from

SCORING = Path(__file__).parent / "data" / "scoring.json"


@functools.cache
def scoring_rules() -> ScoringRules:
    return rules_from(json.loads(SCORING.read_text(encoding="utf-8")))
