"""Uploaded files: what they really are (by their first bytes), and where they are kept.

The declared content type and the file name are not trusted. `LocalDiskStore` keeps each
content once under its sha256; an S3-compatible store would implement the same two methods
with the hash as the object key.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Collection
from pathlib import Path
from typing import Protocol

from govkit.errors import Invalid

_SHA256 = re.compile(r"[0-9a-f]{64}")

NAMES = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WebP",
    "application/pdf": "PDF",
}
"""Every type a service may accept, by the name people know it by."""
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/pdf": (b"%PDF-",),
}


class Unaccepted(Invalid):
    """The upload is empty or not one of the accepted types."""


def media_type_of(content: bytes, accepted: Collection[str]) -> str:
    """The accepted type the content really is; anything else is refused, saying what is."""
    names = ", ".join(NAMES[media_type] for media_type in accepted)
    if not content:
        raise Unaccepted(f"文件为空 (the file is empty; accepted: {names})")
    found = _sniff(content)
    if found is None or found not in accepted:
        raise Unaccepted(f"文件类型不支持 (not an accepted file type; accepted: {names})")
    return found


def _sniff(content: bytes) -> str | None:
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    return next((t for t, marks in _SIGNATURES.items() if content.startswith(marks)), None)


class BlobStore(Protocol):
    def put(self, content: bytes) -> str:
        """Keep `content` (again is harmless) and return its sha256 (hex)."""
        ...

    def get(self, sha256: str) -> bytes | None:
        """The content with this hash, or None if it was never kept."""
        ...


class LocalDiskStore:
    """Files under `root/ab/abcdef…`; a write lands whole or not at all."""

    def __init__(self, root: str | Path) -> None:
        self._root = Path(root)

    def _path(self, sha256: str) -> Path:
        return self._root / sha256[:2] / sha256

    def put(self, content: bytes) -> str:
        sha256 = hashlib.sha256(content).hexdigest()
        path = self._path(sha256)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as scratch:
                scratch.write(content)
            os.replace(scratch.name, path)
        return sha256

    def get(self, sha256: str) -> bytes | None:
        if not _SHA256.fullmatch(sha256):  # a name from a URL never leaves the store's folder
            return None
        path = self._path(sha256)
        return path.read_bytes() if path.is_file() else None
