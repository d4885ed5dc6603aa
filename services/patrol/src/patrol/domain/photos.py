"""Photos of an incident: who may add them, how many, how large, of which kind, until when."""

from __future__ import annotations

from datetime import datetime, timedelta

from govkit.errors import Invalid, NotAllowed, WrongState
from govkit.principal import Principal

MAX_PHOTOS = 6
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp")
ADD_WITHIN = timedelta(hours=24)
"""The reporter adds photos while still on the street or back at the desk the same day."""
THUMBNAIL_PIXELS = 320
"""The longer side of a thumbnail (JPEG)."""
MAX_IMAGE_PIXELS = 50_000_000
"""Width × height a photo may decode to: a phone's 50 MP, not a crafted giant."""


class Undecodable(Invalid):
    """The file says it is an image but does not decode as one."""


def check_may_add(*, reporter: str, reported_at: datetime, adder: Principal, now: datetime) -> None:
    """Only the reporter, within `ADD_WITHIN` of the report."""
    if adder.username != reporter:
        raise NotAllowed(f"只有上报人可以添加照片 (only the reporter, {reporter}, may add photos)")
    if now > reported_at + ADD_WITHIN:
        hours = int(ADD_WITHIN.total_seconds() // 3600)
        raise WrongState(
            f"上报已超过 {hours} 小时，不能再添加照片 "
            f"(photos are accepted within {hours} hours of the report)"
        )


def check_room(photos_so_far: int) -> None:
    """Up to `MAX_PHOTOS` photos per incident."""
    if photos_so_far >= MAX_PHOTOS:
        raise WrongState(f"照片已达上限 {MAX_PHOTOS} 张 (at most {MAX_PHOTOS} photos per incident)")


def check_image_size(width: int, height: int) -> None:
    if width * height > MAX_IMAGE_PIXELS:
        raise Undecodable(
            f"图片像素过多 (the image is {width}×{height}; at most "
            f"{MAX_IMAGE_PIXELS // 1_000_000} million pixels)"
        )
