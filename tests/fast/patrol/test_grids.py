"""Grids: reading a GeoJSON grid file, the point check, and the demo grids the service ships."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest

from contracts.events import GeoPoint
from patrol.domain.grids import (
    InvalidGridFile,
    OutsideTownship,
    check_within,
    grids_from_geojson,
)

DEMO = json.loads(files("patrol").joinpath("data/yuhua-grids.geojson").read_text("utf-8"))
DEMO_GRIDS = grids_from_geojson(DEMO)
DEMO_DATA = Path(__file__).resolve().parents[3] / "deploy/demo/demo-data.json"
# An L-shaped grid: its notch (the upper right) is outside though within its bounding box.
L_SHAPE = [[113.0, 28.0], [113.2, 28.0], [113.2, 28.1], [113.1, 28.1], [113.1, 28.2], [113.0, 28.2]]


def feature(code="t-01", ring=None, **properties):
    ring = [list(position) for position in (ring or [*L_SHAPE, L_SHAPE[0]])]
    names = {
        "district": "d",
        "township": "t",
        "township_name": "某街道",
        "code": code,
        "name": "一网格",
    }
    return {
        "type": "Feature",
        "properties": names | properties,
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def at(latitude, longitude):
    return GeoPoint(latitude=latitude, longitude=longitude)


def test_a_point_is_inside_a_concave_grid_only_where_the_polygon_is():
    [grid] = grids_from_geojson(collection(feature()))
    assert grid.contains(at(28.05, 113.15)) and grid.contains(at(28.15, 113.05))
    assert not grid.contains(at(28.15, 113.15))  # the notch
    assert not grid.contains(at(28.3, 113.05)) and not grid.contains(at(28.05, 113.3))


def test_a_hole_is_outside_its_grid():
    hole = [[113.01, 28.01], [113.01, 28.05], [113.05, 28.05], [113.05, 28.01], [113.01, 28.01]]
    holed = feature()
    holed["geometry"]["coordinates"].append(hole)
    [grid] = grids_from_geojson(collection(holed))
    assert not grid.contains(at(28.03, 113.03)) and grid.contains(at(28.08, 113.08))


def test_a_point_outside_every_grid_of_its_township_is_refused_by_name():
    grids = grids_from_geojson(collection(feature("t-01"), feature("t-02", ring=SQUARE_EAST)))
    check_within(at(28.05, 113.15), "t", grids)
    check_within(at(28.05, 113.35), "t", grids)  # in t-02
    with pytest.raises(OutsideTownship) as refused:
        check_within(at(28.15, 113.15), "t", grids)
    assert "某街道" in str(refused.value) and "township t" in str(refused.value)
    assert "t-01, t-02" in str(refused.value) and "28.150000,113.150000" in str(refused.value)


SQUARE_EAST = [[113.3, 28.0], [113.4, 28.0], [113.4, 28.1], [113.3, 28.1], [113.3, 28.0]]


def test_a_township_without_grids_is_not_checked():
    check_within(at(0.0, 0.0), "nowhere", [])


@pytest.mark.parametrize(
    ("broken", "said"),
    [
        (lambda f: f["geometry"]["coordinates"][0].pop(), "ring 1 is not closed"),
        (lambda f: f["geometry"]["coordinates"][0][2].__setitem__(1, 91), "latitude -90..90"),
        (
            lambda f: f["geometry"]["coordinates"][0][2].__setitem__(0, "113"),
            "[longitude, latitude]",
        ),
        (
            lambda f: f["geometry"].__setitem__("coordinates", [[[113, 28], [113, 28]]]),
            "fewer than 4",
        ),
        (lambda f: f["geometry"].__setitem__("type", "Point"), "not a Polygon"),
        (lambda f: f["properties"].pop("township"), "property township missing"),
        (lambda f: f["properties"].__setitem__("name", " "), "property name missing"),
        (lambda f: f.__setitem__("type", "Thing"), "not a GeoJSON Feature"),
    ],
)
def test_a_bad_feature_is_named_with_what_is_wrong_and_what_is_accepted(broken, said):
    bad = feature("t-02")
    broken(bad)
    with pytest.raises(InvalidGridFile) as refused:
        grids_from_geojson(collection(feature("t-01"), bad))
    message = str(refused.value)
    assert (
        "feature 2" in message
        and said in message
        and "accepted: a GeoJSON FeatureCollection" in message
    )
    assert "feature 1" not in message


def test_every_problem_of_a_file_is_named_and_a_code_counts_once():
    unclosed = feature("t-03")
    unclosed["geometry"]["coordinates"][0].pop()
    with pytest.raises(InvalidGridFile) as refused:
        grids_from_geojson(collection(feature("t-01"), feature("t-01"), unclosed))
    message = str(refused.value)
    assert "feature 2 (t-01): code t-01 appears more than once" in message
    assert "feature 3 (t-03): ring 1 is not closed" in message


@pytest.mark.parametrize("document", [[], {"type": "Feature"}, collection(), "grids"])
def test_what_is_not_a_feature_collection_is_refused(document):
    with pytest.raises(InvalidGridFile, match="accepted: a GeoJSON FeatureCollection"):
        grids_from_geojson(document)


def test_the_demo_grids_hold_the_demo_institutions_in_their_own_grids():
    demo = json.loads(DEMO_DATA.read_text())
    by_code = {grid.code: grid for grid in DEMO_GRIDS}
    for institution in demo["institutions"]:
        point = GeoPoint(**institution["location"])
        assert by_code[institution["grid"]].contains(point), institution["name"]
        assert [g.code for g in DEMO_GRIDS if g.contains(point)] == [institution["grid"]]
    named = {(t["code"], g["code"], g["name"]) for t in demo["townships"] for g in t["grids"]}
    assert named <= {(g.township, g.code, g.name) for g in DEMO_GRIDS}


def test_the_demo_grids_cover_both_townships_and_do_not_overlap():
    assert {g.township for g in DEMO_GRIDS} == {"dongtang", "guitang"}
    assert all(
        len([g for g in DEMO_GRIDS if g.township == t]) >= 4 for t in ("dongtang", "guitang")
    )
    # A lattice of points over both townships: none lies in two grids.
    for i in range(60):
        for j in range(60):
            point = at(28.10 + i * 0.0005, 113.00 + j * 0.0009)
            assert len([g for g in DEMO_GRIDS if g.contains(point)]) <= 1, point


def test_the_load_harness_point_is_in_the_dongtang_reporters_grid():
    [grid] = [g for g in DEMO_GRIDS if g.contains(at(28.1135, 113.0136))]
    assert grid.code == "dongtang-01"
