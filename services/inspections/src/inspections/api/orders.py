"""整改督办单: the unit signs and submits evidence; an inspector re-inspects and closes it."""

from __future__ import annotations

from fastapi import APIRouter, Response, UploadFile, status
from fastapi.responses import PlainTextResponse

from govkit.http import Page, PageDep, UowDep, read_upload
from inspections.api.models import (
    EntryPublic,
    FindingPublic,
    OrderDetail,
    OrderPublic,
    StoredFilePublic,
)
from inspections.api.shared import (
    Inspector,
    OrderReader,
    SettingsDep,
    Staff,
    StoreDep,
    Uploader,
)
from inspections.domain.forms import render_text
from inspections.domain.orders import (
    Acknowledgement,
    EvidenceSubmission,
    OrderStatus,
    ReinspectionReport,
)
from inspections.service import files, orders

router = APIRouter(prefix="/orders", tags=["rectification orders"])


def _detail(view: orders.OrderView) -> OrderDetail:
    return OrderDetail(
        **OrderPublic.model_validate(view.order).model_dump(),
        form=view.form,
        findings=[FindingPublic.model_validate(f) for f in view.findings],
        history=[EntryPublic.model_validate(e) for e in view.history],
    )


@router.get("", response_model=Page[OrderPublic])
def read_orders(reader: OrderReader, page: PageDep, uow: UowDep, status: OrderStatus | None = None):
    """Orders in reach; an institution's staff see their own unit's only."""
    rows, count = orders.orders(reader, status, page, uow)
    return Page[OrderPublic](data=rows, count=count)


@router.get("/{order_id}", response_model=OrderDetail)
def read_order(order_id: str, reader: OrderReader, uow: UowDep):
    """The order with its printed form (整改督办单), its findings and its history."""
    return _detail(orders.order(order_id, reader, uow))


@router.get("/{order_id}/form", response_class=PlainTextResponse)
def print_order(order_id: str, reader: OrderReader, uow: UowDep):
    """The order as text in the template's layout, for printing."""
    return render_text(orders.order(order_id, reader, uow).form)


@router.post("/{order_id}/acknowledge", response_model=OrderDetail)
def acknowledge(order_id: str, acknowledgement: Acknowledgement, staff: Staff, uow: UowDep):
    """签收 by the unit's responsible person, naming a contact."""
    return _detail(
        orders.acknowledge(orders.AcknowledgeOrder(order_id, acknowledgement, staff), uow)
    )


@router.post(
    "/{order_id}/files", status_code=status.HTTP_201_CREATED, response_model=StoredFilePublic
)
def upload_evidence(
    order_id: str,
    file: UploadFile,
    uploader: Uploader,
    store: StoreDep,
    settings: SettingsDep,
    uow: UowDep,
):
    """Evidence (JPEG, PNG, WebP, PDF; 10 MB at most), kept by its sha256."""
    content = read_upload(file, settings.max_evidence_bytes)
    upload = files.Upload(order_id, file.filename or "", content, uploader, store)
    return files.attach_to_order(upload, uow)


@router.get("/{order_id}/files/{sha256}")
def read_evidence(order_id: str, sha256: str, reader: OrderReader, store: StoreDep, uow: UowDep):
    """A file of the order, or a photo of the inspection that issued it."""
    content, kept = files.read_file(order_id, sha256, reader, store, uow)
    return Response(content, media_type=kept.media_type)


@router.post("/{order_id}/evidence", response_model=OrderDetail)
def submit_evidence(order_id: str, submission: EvidenceSubmission, staff: Staff, uow: UowDep):
    """What the unit rectified, with the files it uploaded to the order; 复查 is then due."""
    return _detail(orders.submit_evidence(orders.SubmitEvidence(order_id, submission, staff), uow))


@router.post("/{order_id}/reinspection", response_model=OrderDetail)
def reinspect(order_id: str, report: ReinspectionReport, inspector: Inspector, uow: UowDep):
    """复查: `passed` closes the order (销号); otherwise it goes back to rectifying."""
    return _detail(orders.reinspect(orders.Reinspect(order_id, report, inspector), uow))
