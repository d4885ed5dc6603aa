"""Incident photos through patrol's routes, kept on disk: the reporter adds up to six of the
accepted kinds and sizes within a day; a thumbnail is made; whoever sees the incident sees them."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from PIL import Image

from patrol.app import create_app
from tests.fast.patrol.test_routes import REPORT
from tests.fast.support import T0, bearer, client

pytestmark = pytest.mark.unit


@pytest.fixture
def api(settings, uow, tmp_path):
    return client(create_app, settings.model_copy(update={"photo_dir": str(tmp_path)}), uow)


def image(kind: str = "PNG", size: tuple[int, int] = (1000, 500), shade: int = 0) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (shade, 120, 200)).save(out, kind)
    return out.getvalue()


def reported(api) -> str:
    reply = api.post("/incidents", json=REPORT, headers=bearer("grid_dongtang"))
    assert reply.status_code == 201, reply.text
    return reply.json()["incident_id"]


def upload(api, incident_id: str, content: bytes, user: str = "grid_dongtang"):
    files = {"file": ("photo", content, "image/jpeg")}  # the declared type is not trusted
    return api.post(f"/incidents/{incident_id}/photos", files=files, headers=bearer(user))


def test_a_photo_is_kept_once_with_its_thumbnail_for_whoever_sees_the_incident(api):
    incident_id = reported(api)
    content = image("PNG")
    added = upload(api, incident_id, content)
    assert added.status_code == 201, added.text
    photo = added.json()
    assert photo["media_type"] == "image/png" and photo["size"] == len(content)
    assert photo["uploaded_by"] == "grid_dongtang"
    assert upload(api, incident_id, content).json() == photo  # again: nothing new

    listed = api.get(f"/incidents/{incident_id}/photos", headers=bearer("township_dongtang"))
    assert listed.json() == {"data": [photo], "count": 1, "count_capped": False}
    path = f"/incidents/{incident_id}/photos/{photo['sha256']}"
    original = api.get(path, headers=bearer("township_dongtang"))
    assert original.content == content and original.headers["content-type"] == "image/png"
    small = api.get(f"{path}/thumbnail", headers=bearer("grid_dongtang"))
    assert small.headers["content-type"] == "image/jpeg"
    assert Image.open(io.BytesIO(small.content)).size == (320, 160)

    for outsider in ("township_guitang", "grid_guitang"):
        assert api.get(path, headers=bearer(outsider)).status_code == 404
        assert api.get(f"{path}/thumbnail", headers=bearer(outsider)).status_code == 404
        assert upload(api, incident_id, image(shade=9), outsider).status_code == 404


def test_each_kind_is_told_by_its_content(api):
    incident_id = reported(api)
    for kind, media_type in (("JPEG", "image/jpeg"), ("WEBP", "image/webp")):
        added = upload(api, incident_id, image(kind))
        assert added.status_code == 201, added.text
        assert added.json()["media_type"] == media_type


def test_refusals_name_the_limit(api, uow):
    incident_id = reported(api)
    not_an_image = upload(api, incident_id, b"%PDF-1.7 a scanned form")
    assert not_an_image.status_code == 415
    assert "JPEG, PNG, WebP" in not_an_image.json()["detail"]
    too_large = upload(api, incident_id, b"\x89PNG\r\n\x1a\n" + bytes(5 * 1024 * 1024))
    assert too_large.status_code == 413 and "5 MB" in too_large.json()["detail"]
    broken = upload(api, incident_id, b"\x89PNG\r\n\x1a\n" + b"not really a png")
    assert broken.status_code == 422 and "does not decode" in broken.json()["detail"]
    not_the_reporter = upload(api, incident_id, image(), "township_dongtang")
    assert not_the_reporter.status_code == 403
    assert "only the reporter" in not_the_reporter.json()["detail"]

    for shade in range(6):
        assert upload(api, incident_id, image(shade=shade)).status_code == 201
    seventh = upload(api, incident_id, image(shade=7))
    assert seventh.status_code == 409 and "at most 6 photos" in seventh.json()["detail"]
    assert upload(api, incident_id, image(shade=5)).status_code == 201  # a retry, not a 7th
    assert upload(api, incident_id, image(shade=5), "township_dongtang").status_code == 403


def test_photos_are_added_within_a_day_of_the_report(api, uow):
    incident_id = reported(api)
    uow.repo.incidents_by_id[incident_id].reported_at = T0 - timedelta(hours=24, seconds=1)
    late = upload(api, incident_id, image())
    assert late.status_code == 409 and "within 24 hours" in late.json()["detail"]
