"""Uploaded evidence (photos, scanned documents): which files are accepted, by their content."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import Field

from govkit.errors import Invalid

# The first bytes of each accepted type; the declared content type is not trusted.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/pdf": (b"%PDF-",),
}
ACCEPTED = ", ".join(["JPEG", "PNG", "WebP", "PDF"])
FileRef = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of an uploaded file")]
MAX_FILES = 20


@dataclass(frozen=True)
class StoredFile:
    """A file kept by its content hash."""

    sha256: str
    media_type: str
    size: int


class Unaccepted(Invalid):
    """The upload is empty or not one of the accepted types."""


def media_type_of(content: bytes) -> str:
    """The accepted type the content really is; anything else is refused, saying what is."""
    if not content:
        raise Unaccepted(f"文件为空 (the file is empty; accepted: {ACCEPTED})")
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    for media_type, signatures in SIGNATURES.items():
        if content.startswith(signatures):
            return media_type
    raise Unaccepted(f"文件类型不支持 (not an accepted file type; accepted: {ACCEPTED})")


def check_references(files: list[str], uploaded: set[str], where: str) -> None:
    """Each referenced file must be a hash of a file uploaded to the same inspection or order."""
    if len(files) > MAX_FILES:
        raise Invalid(f"附件过多 (at most {MAX_FILES} files per entry, got {len(files)})")
    unknown = [sha for sha in files if sha not in uploaded]
    if unknown:
        raise Invalid(
            f"附件未上传 (files not uploaded to this {where}: {', '.join(unknown)}; upload "
            f"each to POST …/files first and refer to it by the sha256 it returns)"
        )
