"""The routing table is data; every incident type reaches at least one department."""

from __future__ import annotations

import json

import pytest

from contracts.vocabulary import Department, IncidentType
from workflows.routing import departments_for, load_routing_table

pytestmark = pytest.mark.unit


def test_every_incident_type_is_routed_lead_first():
    table = load_routing_table()
    assert set(table) == set(IncidentType)
    assert departments_for(IncidentType.FIRE_HAZARD, table) == (Department.FIRE_SAFETY,)
    assert (
        departments_for(IncidentType.INSTITUTION_COLLAPSE, table)[0] == Department.PUBLIC_SECURITY
    )
    used = {d for departments in table.values() for d in departments}
    assert used == set(Department)


def test_a_table_missing_a_type_or_naming_an_unknown_department_is_refused():
    with pytest.raises(ValueError, match="fire_hazard"):
        load_routing_table(
            json.dumps(
                {t.value: ["education"] for t in IncidentType if t != IncidentType.FIRE_HAZARD}
            )
        )
    with pytest.raises(ValueError, match="tax_bureau"):
        load_routing_table(json.dumps({t.value: ["tax_bureau"] for t in IncidentType}))
