"""Where uploaded evidence lives: one interface, files kept by their content's sha256.

`LocalDiskStore` is the default; an S3-compatible store implements the same two methods with
the hash as the object key. The same content uploaded twice is stored once.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Protocol


class EvidenceStore(Protocol):
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
        path = self._path(sha256)
        return path.read_bytes() if path.is_file() else None
