"""Generated inspections for the statistics table's properties: three districts, their
townships, schools and institutions, inspectors listed for them, and orders at every stage.

The same seed gives the same history on the fake repository and on a real database.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from contracts.events import RecordOrderEscalation
from contracts.vocabulary import AccountabilityMeasure
from govkit.principal import Principal
from inspections.domain.units import UnitData
from inspections.service import assignments, commands, units
from inspections.service.common import Rules
from tests.fast.inspections.world import (
    acknowledged,
    csv_of,
    inspect,
    rectified,
    registered,
    reinspected,
)
from tests.fast.support import T0

DISTRICTS = ("yuhua", "furong", "tianxin")
TOWNSHIPS = 3
ADMIN = Principal("admin", "admin_user", frozenset({"admin"}))


class Clock:
    """A clock the generator moves forward between steps."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Expected:
    """What the history must show in the table's total, counted while making it."""

    problems: int = 0
    rectified: int = 0
    orders: int = 0
    escalations: Counter[str] = field(default_factory=Counter)
    last: datetime = T0


def _inspector(district: str, n: int) -> Principal:
    return Principal(
        f"i-{district}-{n}", f"insp_{district}_{n}", frozenset({"inspector"}), district=district
    )


def _staff(code: str) -> Principal:
    return Principal(
        f"s-{code}", f"staff_{code}", frozenset({"institution_staff"}), institution_id=code
    )


def build_city(uow, rng: random.Random) -> dict[str, list[tuple[Principal, UnitData]]]:
    """Units in every township; each district's two inspectors listed for most of them."""
    listed: dict[str, list[tuple[Principal, UnitData]]] = {}
    for d, district in enumerate(DISTRICTS):
        rows = []
        for t in range(TOWNSHIPS):
            township = f"{district}-t{t}"
            for k in range(2):
                code = f"5243011{d}MJ{t}{k}000001"
                event = registered(
                    f"inst-{district}-{t}-{k}",
                    code,
                    f"{township}机构{k}",
                    subject=rng.random() < 0.5,
                    district=district,
                    township=township,
                )
                with uow:
                    units.learn_institution(event, uow)
                    uow.commit()
                rows += [
                    {"inspector": f"insp_{district}_{n}", "unit_type": "institution", "code": code}
                    for n in (0, 1)
                    if rng.random() < 0.8
                ]
            for level in ("primary", "junior"):
                code = f"{district}-{t}-{level}"
                rows += [
                    {
                        "inspector": f"insp_{district}_{n}",
                        "unit_type": "school",
                        "code": code,
                        "name": f"{township}{level}学校",
                        "level": level,
                        "township": township,
                    }
                    for n in (0, 1)
                    if rng.random() < 0.8
                ]
        assignments.import_assignments(
            assignments.ImportAssignments("city.csv", csv_of(rows), ADMIN, district), uow
        )
        listed[district] = [
            (_inspector(district, int(row["inspector"][-1])), _unit_of(uow, row["code"]))
            for row in rows
        ]
    return listed


def _unit_of(uow, code: str) -> UnitData:
    with uow:
        return UnitData.model_validate(uow.repo.units_by_code([code])[code])


def generate(uow, clock: Clock, rules: Rules, rng: random.Random, count: int = 500) -> Expected:
    """`count` inspections across the city, their orders moved along at random."""
    listed = build_city(uow, rng)
    expected = Expected()
    ladder = list(AccountabilityMeasure)
    for n in range(count):
        clock.now += timedelta(hours=rng.randint(1, 40))
        inspector, unit = rng.choice(listed[rng.choice(DISTRICTS)])
        applicable = [i.no for i in rules.checklists.current.applicable(unit.unit_kind)]
        failed = rng.sample(applicable, rng.choice([0, 0, 1, 1, 2, 3, 5]))
        done = inspect(uow, rules, unit.unit_id, {no: f"问题{n}-{no}" for no in failed}, inspector)
        expected.last = clock.now
        if done.order_id is None:
            continue
        expected.orders += 1
        expected.problems += len(failed)
        staff = _staff(unit.unit_code)
        fate = rng.choice(["issued", "acknowledged", "evidence", "failed", "closed", "closed"])
        if fate != "issued":
            acknowledged(uow, done.order_id, staff)
        if fate in ("evidence", "failed", "closed"):
            rectified(uow, done.order_id, staff)
        if fate in ("failed", "closed"):
            reinspected(uow, done.order_id, passed=fate == "closed", inspector=inspector)
        if fate == "closed":
            expected.rectified += len(failed)
            continue
        for level, rung in enumerate(ladder[: rng.choice([0, 0, 1, 2, 4])], 1):
            with uow:
                commands.escalate(
                    RecordOrderEscalation(
                        escalation_id=f"rectify-{done.order_id}:{rung.value}",
                        order_id=done.order_id,
                        rung=rung,
                        level=level,
                        missed_deadline=clock.now,
                        reason="逾期",
                    ),
                    uow,
                )
                uow.commit()
            expected.escalations[rung.value] += 1
    return expected
