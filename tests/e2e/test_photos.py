"""A grid worker on the street through the gateway: finds the institution in front of them in
the registry, reports it by its registry id, adds photos; the township sees the photos and
thumbnails, the case names the institution; nobody outside sees them."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from tests.support.registry import compliant_row, csv_file
from tests.support.reports import unlicensed_school_report
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e
# A spot no other test registers anything at: 长沙市雨花区, in 东塘's grid dongtang-03 (a report
# must lie in one of its township's grids).
SPOT = (28.1205, 113.0215)


def photo(kind: str, shade: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (shade, 90, 160)).save(out, kind)
    return out.getvalue()


async def registered_near_the_spot(gateway, run_id: str) -> dict:
    row = compliant_row(
        random.Random(f"photos-{run_id}"),  # codes of our own, not the registry tests'
        name=f"照片体育俱乐部{run_id}",
        latitude=str(SPOT[0] + 0.0002),  # about 22 m north
        longitude=str(SPOT[1]),
    )
    imported = await gateway.post(
        "/api/institutions/institutions/import",
        files={"file": ("one.csv", csv_file([row]), "text/csv")},
        headers=bearer("district_yuhua"),
    )
    assert imported.status_code == 200, imported.text
    found = await gateway.get(
        "/api/institutions/institutions",
        params={"near": f"{SPOT[0]},{SPOT[1]}", "radius": 50},
        headers=bearer("grid_dongtang"),
    )
    assert found.status_code == 200, found.text
    (institution,) = found.json()["data"]
    assert institution["name"] == row["name"]
    return institution


async def test_a_report_names_the_registry_entry_and_carries_photos(gateway, run_id):
    institution = await registered_near_the_spot(gateway, run_id)
    report = unlicensed_school_report(
        institution_id=institution["institution_id"],
        institution_name=institution["name"],
        institution_address=institution["address"],
        location={"latitude": SPOT[0], "longitude": SPOT[1]},
    )
    reply = await gateway.post(
        "/api/patrol/incidents", json=report, headers=bearer("grid_dongtang")
    )
    assert reply.status_code == 201, reply.text
    incident = reply.json()
    assert incident["institution_id"] == institution["institution_id"]
    photos_path = f"/api/patrol/incidents/{incident['incident_id']}/photos"

    added = []
    for kind, shade in (("JPEG", 10), ("PNG", 20)):
        content = photo(kind, shade)
        upload = await gateway.post(
            photos_path,
            files={"file": (f"p.{kind.lower()}", content, "application/octet-stream")},
            headers=bearer("grid_dongtang"),
        )
        assert upload.status_code == 201, upload.text
        added.append((upload.json(), content))

    listed = await gateway.get(photos_path, headers=bearer("township_dongtang"))
    assert [p["sha256"] for p in listed.json()["data"]] == [p["sha256"] for p, _ in added]
    (first, content), _ = added
    original = await gateway.get(
        f"{photos_path}/{first['sha256']}", headers=bearer("grid_dongtang")
    )
    assert original.content == content
    thumbnail = await gateway.get(
        f"{photos_path}/{first['sha256']}/thumbnail", headers=bearer("township_dongtang")
    )
    assert thumbnail.status_code == 200
    assert Image.open(io.BytesIO(thumbnail.content)).size == (320, 240)

    other_township = await gateway.get(photos_path, headers=bearer("township_guitang"))
    assert other_township.status_code == 404
    other_grid = await gateway.get(
        f"{photos_path}/{first['sha256']}", headers=bearer("grid_guitang")
    )
    assert other_grid.status_code == 404
    not_patrol = await gateway.get(photos_path, headers=bearer("edu_officer"))
    assert not_patrol.status_code == 403

    async def case_names_the_institution():
        case = await gateway.get(
            f"/api/enforcement/cases/{incident['incident_id']}", headers=bearer("township_dongtang")
        )
        return case.status_code == 200 and case.json()["institution_id"]

    recorded = await eventually(case_names_the_institution, what="the case's institution_id")
    assert recorded == institution["institution_id"]
