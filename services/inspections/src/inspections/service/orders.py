"""Rectification orders: the unit signs and rectifies, the inspector re-inspects and closes.

Only the unit's own staff signs for an order and submits evidence; only an inspector listed
for the unit re-inspects it. A passing re-inspection closes the order (销号) and marks every
finding on it rectified, in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from contracts.events import (
    RectificationEvidenceSubmitted,
    RectificationOrderAcknowledged,
    RectificationOrderClosed,
    ReinspectionRecorded,
)
from govkit.http import PageParams
from govkit.principal import Principal
from inspections.domain.access import reach_of
from inspections.domain.evidence import check_references
from inspections.domain.forms import OrderForm, Problem, local_day
from inspections.domain.orders import (
    Acknowledgement,
    EvidenceSubmission,
    OrderStatus,
    ReinspectionReport,
    after_acknowledgement,
    after_evidence,
    after_reinspection,
)
from inspections.service.common import Uow, visible
from inspections.service.history import enter
from inspections.store.tables import Finding, Order, OrderEntry


@dataclass(frozen=True)
class AcknowledgeOrder:
    order_id: str
    acknowledgement: Acknowledgement
    staff: Principal


@dataclass(frozen=True)
class SubmitEvidence:
    order_id: str
    submission: EvidenceSubmission
    staff: Principal


@dataclass(frozen=True)
class Reinspect:
    order_id: str
    report: ReinspectionReport
    inspector: Principal


@dataclass(frozen=True)
class OrderView:
    order: Order
    findings: list[Finding]
    history: list[OrderEntry]

    @property
    def form(self) -> OrderForm:
        """The order in the printed template's layout."""
        order = self.order
        return OrderForm(
            number=order.number,
            target=order.unit_name,
            issued_on=local_day(order.issued_at),
            problems=[Problem(item_no=f.item_no, item=f.item, found=f.note) for f in self.findings],
            requirements=order.requirements,
            deadline=order.deadline,
            inspector=order.inspector,
            signed_by_unit=order.unit_name if order.acknowledged_at else "",
            signed_on=local_day(order.acknowledged_at) if order.acknowledged_at else None,
            contact_name=order.contact_name,
            contact_phone=order.contact_phone,
        )


def orders(
    reader: Principal, status: OrderStatus | None, page: PageParams, uow: Uow
) -> tuple[list[Order], int]:
    """Orders in reach: staff see their own unit's only."""
    with uow:
        return uow.repo.orders(reach_of(reader), status, page)


def order(order_id: str, reader: Principal, uow: Uow) -> OrderView:
    with uow:
        found = _order(order_id, reader, uow)
        return OrderView(found, uow.repo.findings(order_id), uow.repo.entries(order_id))


def acknowledge(command: AcknowledgeOrder, uow: Uow) -> OrderView:
    """签收: the unit's responsible person signs and names a contact."""
    with uow:
        found = _order(command.order_id, command.staff, uow)
        found.status = after_acknowledgement(OrderStatus(found.status)).value
        found.acknowledged_by, found.acknowledged_at = command.staff.username, uow.now
        found.contact_name = command.acknowledgement.contact_name
        found.contact_phone = command.acknowledgement.contact_phone
        enter(found, "acknowledged", command.staff.username, uow)
        uow.emit(
            RectificationOrderAcknowledged(
                order_id=found.order_id,
                unit_id=found.unit_id,
                acknowledged_by=command.staff.username,
                acknowledged_at=uow.now,
            )
        )
        uow.commit()
    return order(command.order_id, command.staff, uow)


def submit_evidence(command: SubmitEvidence, uow: Uow) -> OrderView:
    """The unit reports what it rectified, with files uploaded to the order; 复查 is due."""
    submission = command.submission
    with uow:
        found = _order(command.order_id, command.staff, uow)
        check_references(submission.files, uow.repo.file_hashes(found.order_id), "order")
        found.status = after_evidence(OrderStatus(found.status)).value
        found.evidence_rounds += 1
        enter(
            found,
            "evidence",
            command.staff.username,
            uow,
            note=submission.note,
            files=list(submission.files),
        )
        uow.emit(
            RectificationEvidenceSubmitted(
                order_id=found.order_id,
                unit_id=found.unit_id,
                round=found.evidence_rounds,
                files=len(submission.files),
                submitted_by=command.staff.username,
                submitted_at=uow.now,
            )
        )
        uow.commit()
    return order(command.order_id, command.staff, uow)


def reinspect(command: Reinspect, uow: Uow) -> OrderView:
    """复查: passed closes the order and rectifies its findings; failed sends it back."""
    report, by = command.report, command.inspector.username
    with uow:
        found = _order(command.order_id, command.inspector, uow)
        check_references(report.files, uow.repo.file_hashes(found.order_id), "order")
        found.status = after_reinspection(OrderStatus(found.status), report.passed).value
        found.reinspection_due_by = None
        enter(
            found,
            "reinspection",
            by,
            uow,
            note=report.note,
            files=list(report.files),
            passed=report.passed,
        )
        uow.emit(
            ReinspectionRecorded(
                order_id=found.order_id,
                unit_id=found.unit_id,
                round=found.evidence_rounds,
                passed=report.passed,
                note=report.note,
                inspector=by,
                reinspected_at=uow.now,
            )
        )
        if report.passed:
            _close(found, by, uow)
        uow.commit()
    return order(command.order_id, command.inspector, uow)


def _close(found: Order, by: str, uow: Uow) -> None:
    """销号: the order and every finding on it are rectified now."""
    found.closed_by, found.closed_at = by, uow.now
    findings = uow.repo.findings(found.order_id)
    for finding in findings:
        finding.rectified_at = uow.now
        uow.repo.add(finding)
    unit = uow.repo.unit(found.unit_id)
    uow.emit(
        RectificationOrderClosed(
            order_id=found.order_id,
            unit_id=found.unit_id,
            institution_id=unit.institution_id if unit else None,
            finding_ids=[f.finding_id for f in findings],
            closed_by=by,
            closed_at=uow.now,
        )
    )


def _order(order_id: str, reader: Principal, uow: Uow) -> Order:
    return visible(uow.repo.order(order_id), reader, uow, f"order {order_id}")
