"""Uploaded evidence (photos, scanned documents): which files are accepted, by their content."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import Field

from govkit import uploads
from govkit.errors import Invalid

EVIDENCE_TYPES = ("image/jpeg", "image/png", "image/webp", "application/pdf")
FileRef = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of an uploaded file")]
MAX_FILES = 20


@dataclass(frozen=True)
class StoredFile:
    """A file kept by its content hash."""

    sha256: str
    media_type: str
    size: int


def media_type_of(content: bytes) -> str:
    """The accepted type the content really is; anything else is refused, saying what is."""
    return uploads.media_type_of(content, EVIDENCE_TYPES)


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
