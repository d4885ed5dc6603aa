"""Evidence files: uploaded to an inspection or an order, read back by whoever sees it."""

from __future__ import annotations

from dataclasses import dataclass

from govkit.errors import NotAllowed, NotFound
from govkit.principal import Principal, Role
from govkit.uploads import BlobStore
from inspections.domain.evidence import StoredFile, media_type_of
from inspections.domain.inspections import InspectionStatus, check_in_progress
from inspections.domain.orders import OrderStatus, check_open
from inspections.service.common import Uow, visible
from inspections.store.tables import EvidenceFile


@dataclass(frozen=True)
class Upload:
    owner_id: str
    filename: str
    content: bytes
    uploader: Principal
    store: BlobStore


def attach_to_inspection(upload: Upload, uow: Uow) -> StoredFile:
    """A photo for an inspection in progress, by the inspector who runs it."""
    with uow:
        found = visible(
            uow.repo.inspection(upload.owner_id),
            upload.uploader,
            uow,
            f"inspection {upload.owner_id}",
        )
        if found.inspector != upload.uploader.username:
            raise NotAllowed(f"只有发起督导的督学可以上传 (only {found.inspector} may add photos)")
        check_in_progress(InspectionStatus(found.status))
        return _keep(upload, uow)


def attach_to_order(upload: Upload, uow: Uow) -> StoredFile:
    """Evidence for an open order: from the unit's staff, or re-inspection photos."""
    with uow:
        found = visible(
            uow.repo.order(upload.owner_id), upload.uploader, uow, f"order {upload.owner_id}"
        )
        check_open(OrderStatus(found.status))
        return _keep(upload, uow)


def _keep(upload: Upload, uow: Uow) -> StoredFile:
    media_type = media_type_of(upload.content)
    sha256 = upload.store.put(upload.content)
    if uow.repo.file(upload.owner_id, sha256) is None:
        uow.repo.add(
            EvidenceFile(
                owner_id=upload.owner_id,
                sha256=sha256,
                media_type=media_type,
                size=len(upload.content),
                filename=upload.filename[:200],
                uploaded_by=upload.uploader.username,
                uploaded_at=uow.now,
            )
        )
        uow.commit()
    return StoredFile(sha256=sha256, media_type=media_type, size=len(upload.content))


def read_file(
    owner_id: str, sha256: str, reader: Principal, store: BlobStore, uow: Uow
) -> tuple[bytes, EvidenceFile]:
    """A file of an inspection or order in reach (an order's include its inspection's photos)."""
    with uow:
        order = uow.repo.order(owner_id)
        if order is not None:
            visible(order, reader, uow, f"order {owner_id}")
            owners = [owner_id, order.inspection_id]
        elif reader.has_role(Role.INSTITUTION_STAFF):
            raise NotFound(f"不存在或无权查看 (no order {owner_id} in your reach)")
        else:
            visible(uow.repo.inspection(owner_id), reader, uow, f"inspection {owner_id}")
            owners = [owner_id]
        kept = next((f for o in owners if (f := uow.repo.file(o, sha256)) is not None), None)
    content = store.get(sha256) if kept else None
    if kept is None or content is None:
        raise NotFound(f"无此附件 (no file {sha256} on {owner_id})")
    return content, kept
