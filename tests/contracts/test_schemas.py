"""The checked-in JSON Schemas are the published contracts; changes must stay compatible."""

import copy

import pytest

from contracts.events import IncidentReported
from contracts.schemas import breaking_changes, checked_in_schemas, generated_schemas

pytestmark = pytest.mark.unit

PUBLISHED = checked_in_schemas()
GENERATED = generated_schemas()


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_models_stay_compatible_with_published_schema(name):
    assert name in GENERATED, f"{name} was published and its model is gone"
    assert breaking_changes(PUBLISHED[name], GENERATED[name]) == []


def test_published_schemas_are_up_to_date():
    stale = sorted(n for n in GENERATED if PUBLISHED.get(n) != GENERATED[n])
    assert stale == [], "run `python -m contracts` and commit contracts/schemas/"


def _incident_schema():
    return copy.deepcopy(IncidentReported.model_json_schema())


def test_removing_a_property_is_breaking():
    new = _incident_schema()
    del new["properties"]["grid"]
    new["required"].remove("grid")
    assert breaking_changes(_incident_schema(), new) == ["$.grid: property removed"]


def test_new_required_property_is_breaking_but_optional_is_not():
    optional = _incident_schema()
    optional["properties"]["photo_count"] = {"type": "integer", "default": 0}
    assert breaking_changes(_incident_schema(), optional) == []
    required = copy.deepcopy(optional)
    required["required"].append("photo_count")
    assert breaking_changes(_incident_schema(), required) == [
        "$.photo_count: property became required"
    ]


def test_type_change_and_enum_narrowing_are_breaking():
    new = _incident_schema()
    new["properties"]["description"]["type"] = "integer"
    enum = new["$defs"]["IncidentType"]["enum"]
    enum.remove("fire_hazard")
    problems = breaking_changes(_incident_schema(), new)
    assert "$.description: type changed from string to integer" in problems
    assert "$.incident_type: enum values removed: ['fire_hazard']" in problems


def test_nested_object_changes_are_found():
    new = _incident_schema()
    del new["$defs"]["GeoPoint"]["properties"]["latitude"]
    assert breaking_changes(_incident_schema(), new) == ["$.location.latitude: property removed"]
