"""Thumbnails of incident photos, with Pillow: a JPEG at most `THUMBNAIL_PIXELS` on its longer side.

Called from the upload route, which FastAPI runs in a worker thread, so decoding never holds
up the event loop. Decoding also proves the file is the image its first bytes claim.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError

from patrol.domain.photos import THUMBNAIL_PIXELS, Undecodable, check_image_size


def thumbnail(content: bytes) -> bytes:
    """The photo shrunk (turned upright as the camera held it), as JPEG."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            check_image_size(*image.size)
            image.draft("RGB", (THUMBNAIL_PIXELS, THUMBNAIL_PIXELS))  # JPEG: decode smaller
            small = ImageOps.exif_transpose(image).convert("RGB")
            small.thumbnail((THUMBNAIL_PIXELS, THUMBNAIL_PIXELS))
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise Undecodable(
            f"图片无法解码 (the file does not decode as an image: {exc}; send a JPEG, PNG or WebP)"
        ) from exc
    out = io.BytesIO()
    small.save(out, "JPEG", quality=80)
    return out.getvalue()
