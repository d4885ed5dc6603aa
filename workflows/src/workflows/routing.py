"""Which departments a whistle calls: a routing table kept as data, read by a pure function."""

from __future__ import annotations

import json
from importlib import resources

from contracts.vocabulary import Department, IncidentType

RoutingTable = dict[IncidentType, tuple[Department, ...]]


def load_routing_table(text: str | None = None) -> RoutingTable:
    """Parse the table; every incident type must route to at least one known department."""
    raw = json.loads(text or resources.files("workflows.data").joinpath("routing.json").read_text())
    table = {
        IncidentType(kind): tuple(Department(d) for d in departments)
        for kind, departments in raw.items()
        if not kind.startswith("_")
    }
    unrouted = [t.value for t in IncidentType if not table.get(t)]
    if unrouted:
        raise ValueError(f"routing table has no department for: {', '.join(unrouted)}")
    return table


def departments_for(incident_type: IncidentType, table: RoutingTable) -> tuple[Department, ...]:
    """The responsible departments, lead first."""
    return table[incident_type]
