"""The whistle's parameters as data: routing (who is called) and clocks (how long they have).

Both are read once at start-up; a workflow receives them in its input, so a running case keeps
the rules it started with even when the data files change.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from contracts.vocabulary import (
    Department,
    EscalationTarget,
    IncidentType,
    InstitutionCategory,
    Severity,
)
from workflows.model import ClockPolicy, ClockRule, ClosureRules, ConfirmRule, Window

_DURATION = re.compile(r"^(\d+)([smh])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600}


@dataclass(frozen=True)
class Route:
    lead: Department
    cooperating: tuple[Department, ...]

    @property
    def departments(self) -> tuple[Department, ...]:
        return (self.lead, *self.cooperating)


@dataclass(frozen=True)
class IncidentRouting:
    default: Route
    severity: Severity
    by_category: dict[InstitutionCategory, Route]


RoutingTable = dict[IncidentType, IncidentRouting]


def _data(name: str, text: str | None) -> dict:
    raw = json.loads(text or resources.files("workflows.data").joinpath(name).read_text())
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def _route(raw: dict) -> Route:
    return Route(Department(raw["lead"]), tuple(Department(d) for d in raw.get("cooperating", [])))


def load_routing_table(text: str | None = None) -> RoutingTable:
    """Parse the routing table; it must cover every incident type with known departments."""
    raw = _data("routing.json", text)
    unrouted = sorted(t.value for t in IncidentType if t.value not in raw)
    if unrouted:
        raise ValueError(f"routing table has no department for: {', '.join(unrouted)}")
    return {
        IncidentType(kind): IncidentRouting(
            default=_route(entry),
            severity=Severity(entry["severity"]),
            by_category={
                InstitutionCategory(c): _route(r) for c, r in entry.get("by_category", {}).items()
            },
        )
        for kind, entry in raw.items()
    }


def route(
    table: RoutingTable, incident_type: IncidentType, category: InstitutionCategory | None = None
) -> tuple[tuple[Department, ...], Severity]:
    """The departments to call, lead first, and the default severity of an incident."""
    entry = table[incident_type]
    chosen = entry.by_category.get(category, entry.default) if category else entry.default
    return chosen.departments, entry.severity


def parse_duration(text: str) -> int:
    """'30m' → 1800 seconds; units s, m, h."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"duration {text!r} is not <number><s|m|h>, e.g. 30m or 24h")
    return int(match[1]) * _UNIT_SECONDS[match[2]]


def _rule(raw: dict) -> ClockRule:
    ladder = [EscalationTarget(rung) for rung in raw["ladder"]]
    if not ladder:
        raise ValueError("an escalation ladder needs at least one rung")
    return ClockRule(
        within_seconds=parse_duration(raw["within"]),
        working_time=bool(raw["working_time"]),
        remind_before_seconds=parse_duration(raw["remind_before"]),
        ladder_step_seconds=parse_duration(raw["ladder_step"]),
        ladder=ladder,
    )


def _window(raw: dict) -> Window:
    return Window(parse_duration(raw["within"]), bool(raw["working_time"]))


def _closure(confirm: dict, rating: dict) -> ClosureRules:
    """The confirmation escalates to the district office or the city: it has no department."""
    escalate_to = EscalationTarget(confirm["escalate_to"])
    if escalate_to == EscalationTarget.DEPARTMENT_LEAD:
        raise ValueError("a confirmation has no department: escalate it to the district or city")
    window = _window(confirm)
    return ClosureRules(
        confirm=ConfirmRule(window.within_seconds, window.working_time, escalate_to),
        rating=_window(rating),
    )


def load_clock_policy(text: str | None = None) -> ClockPolicy:
    """Parse the clocks; every severity needs a handling rule."""
    raw = _data("clocks.json", text)
    missing = sorted(s.value for s in Severity if s.value not in raw["handle"])
    if missing:
        raise ValueError(f"clock policy has no handling rule for severity: {', '.join(missing)}")
    return ClockPolicy(
        acknowledge=_rule(raw["acknowledge"]),
        handle={s: _rule(raw["handle"][s.value]) for s in Severity},
        ruling=_rule(raw["ruling"]),
        closure=_closure(raw["confirm"], raw["rating"]),
    )
