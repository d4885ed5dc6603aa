"""Inspections: start one at a listed unit, record items and photos, complete it.

Completing turns the failed items into findings and one rectification order, whose first
deadline comes from the working calendar; a failed item that maps to an incident type also
raises an incident for the departments (the whistle).
"""

from __future__ import annotations

from dataclasses import dataclass

from contracts.events import (
    FindingRecorded,
    InspectionCompleted,
    InspectionIncidentRaised,
    RectificationOrderIssued,
)
from contracts.events.inspections import InspectionKind, UnitKind
from contracts.events.patrol import GeoPoint
from contracts.vocabulary import Department, IncidentType, InstitutionCategory
from govkit.errors import Invalid, NotAllowed, NotFound
from govkit.http import PageParams
from govkit.principal import Principal
from inspections.domain.access import reach_of
from inspections.domain.deadlines import first_deadline
from inspections.domain.forms import local_day
from inspections.domain.inspections import (
    Completion,
    FailedItem,
    InspectionStatus,
    NewInspection,
    ResultEntry,
    ResultSheet,
    check_in_progress,
    check_joint,
    check_sheet,
    failed_items,
)
from inspections.domain.orders import (
    OrderStatus,
    default_requirements,
    number_prefix,
    order_number,
)
from inspections.domain.search import InspectionFilters
from inspections.service.common import Rules, Uow, visible
from inspections.store.tables import Finding, Inspection, ItemResultRow, Order, Unit


@dataclass(frozen=True)
class StartInspection:
    data: NewInspection
    inspector: Principal
    rules: Rules


@dataclass(frozen=True)
class RecordResults:
    inspection_id: str
    sheet: ResultSheet
    inspector: Principal
    rules: Rules


@dataclass(frozen=True)
class CompleteInspection:
    inspection_id: str
    completion: Completion
    inspector: Principal
    rules: Rules


def start(command: StartInspection, uow: Uow) -> Inspection:
    """An inspector starts an inspection of a unit they are listed for, on today's checklist."""
    data = command.data
    with uow:
        unit = visible(uow.repo.unit(data.unit_id), command.inspector, uow, f"unit {data.unit_id}")
        departments = list(data.departments)
        if data.plan_id is not None:
            plan = uow.repo.plan(data.plan_id)
            if plan is None or plan.district != unit.district:
                raise NotFound(f"本区无此计划 (no plan {data.plan_id} in district {unit.district})")
            if plan.kind != data.kind:
                raise Invalid(f"督导类型与计划不符 (the plan is a {plan.kind} inspection)")
            departments = departments or [Department(d) for d in plan.departments]
        check_joint(data.kind, departments)
        inspection = Inspection(
            inspection_id=uow.new_id(),
            plan_id=data.plan_id,
            kind=data.kind.value,
            departments=[d.value for d in departments],
            unit_id=unit.unit_id,
            unit_kind=unit.unit_kind,
            unit_code=unit.unit_code,
            unit_name=unit.unit_name,
            district=unit.district,
            township=unit.township,
            inspector=command.inspector.username,
            checklist_version=command.rules.checklists.current.version,
            status=InspectionStatus.IN_PROGRESS.value,
            latitude=data.location.latitude if data.location else None,
            longitude=data.location.longitude if data.location else None,
            started_at=uow.now,
        )
        uow.repo.add(inspection)
        uow.commit()
    return inspection


def record_results(command: RecordResults, uow: Uow) -> list[ItemResultRow]:
    """Record (or correct) item results while the inspection is in progress."""
    with uow:
        inspection = _own(command.inspection_id, command.inspector, uow)
        check_sheet(
            command.sheet,
            status=InspectionStatus(inspection.status),
            checklist=command.rules.checklists.version(inspection.checklist_version),
            unit_kind=UnitKind(inspection.unit_kind),
            uploaded=uow.repo.file_hashes(inspection.inspection_id),
        )
        recorded = {row.item_no: row for row in uow.repo.results(inspection.inspection_id)}
        for entry in command.sheet.results:
            row = recorded.get(entry.item_no) or ItemResultRow(
                inspection_id=inspection.inspection_id, item_no=entry.item_no, result=""
            )
            row.result, row.note, row.photos = entry.result.value, entry.note, list(entry.photos)
            row.recorded_at = uow.now
            uow.repo.add(row)
        uow.commit()
        return uow.repo.results(inspection.inspection_id)


def complete(command: CompleteInspection, uow: Uow) -> Inspection:
    """Close the inspection: its failures become findings on one order, some raise incidents."""
    with uow:
        inspection = _own(command.inspection_id, command.inspector, uow)
        check_in_progress(InspectionStatus(inspection.status))
        checklist = command.rules.checklists.version(inspection.checklist_version)
        recorded = {
            row.item_no: ResultEntry.model_validate(row, from_attributes=True)
            for row in uow.repo.results(inspection.inspection_id)
        }
        failures = failed_items(checklist, UnitKind(inspection.unit_kind), recorded)
        inspection.status = InspectionStatus.COMPLETED.value
        inspection.completed_at = uow.now
        unit = uow.repo.unit(inspection.unit_id)
        assert unit is not None  # an inspection is only started at a known unit
        order = _issue(inspection, unit, failures, command, uow) if failures else None
        inspection.order_id = order.order_id if order else None
        uow.repo.add(inspection)
        uow.emit(
            InspectionCompleted(
                inspection_id=inspection.inspection_id,
                unit_id=unit.unit_id,
                unit_kind=UnitKind(unit.unit_kind),
                unit_name=unit.unit_name,
                institution_id=unit.institution_id,
                district=unit.district,
                township=unit.township,
                kind=InspectionKind(inspection.kind),
                checklist_version=inspection.checklist_version,
                inspector=inspection.inspector,
                items_checked=len(recorded),
                items_failed=len(failures),
                order_id=inspection.order_id,
                completed_at=uow.now,
            )
        )
        uow.commit()
    return inspection


def _issue(
    inspection: Inspection,
    unit: Unit,
    failures: list[FailedItem],
    command: CompleteInspection,
    uow: Uow,
) -> Order:
    """One order for the inspection's findings, numbered in its district's year."""
    rules = command.rules
    severity = rules.rectification.most_pressing(f.item.severity for f in failures)
    deadline = first_deadline(
        uow.now, rules.rectification.deadline_working_days[severity], rules.calendar
    )
    year = local_day(uow.now).year
    sequence = uow.repo.orders_numbered(number_prefix(unit.district, year)) + 1
    order = Order(
        order_id=uow.new_id(),
        number=order_number(unit.district, year, sequence),
        inspection_id=inspection.inspection_id,
        unit_id=unit.unit_id,
        unit_kind=unit.unit_kind,
        unit_code=unit.unit_code,
        unit_name=unit.unit_name,
        district=unit.district,
        township=unit.township,
        inspector=inspection.inspector,
        severity=severity.value,
        requirements=command.completion.requirements or default_requirements(local_day(deadline)),
        status=OrderStatus.ISSUED.value,
        deadline=deadline,
        issued_at=uow.now,
    )
    uow.repo.add(order)
    findings = [_finding(failure, inspection, order, unit, uow) for failure in failures]
    uow.emit(
        RectificationOrderIssued(
            order_id=order.order_id,
            number=order.number,
            inspection_id=inspection.inspection_id,
            unit_id=unit.unit_id,
            unit_kind=UnitKind(unit.unit_kind),
            unit_name=unit.unit_name,
            unit_code=unit.unit_code,
            institution_id=unit.institution_id,
            district=unit.district,
            township=unit.township,
            finding_ids=[f.finding_id for f in findings],
            severity=severity,
            deadline=deadline,
            inspector=inspection.inspector,
            issued_at=uow.now,
        )
    )
    return order


def _finding(
    failure: FailedItem, inspection: Inspection, order: Order, unit: Unit, uow: Uow
) -> Finding:
    item = failure.item
    finding = Finding(
        finding_id=uow.new_id(),
        inspection_id=inspection.inspection_id,
        order_id=order.order_id,
        unit_id=unit.unit_id,
        unit_kind=unit.unit_kind,
        unit_code=unit.unit_code,
        district=unit.district,
        township=unit.township,
        item_no=item.no,
        item=item.text,
        severity=item.severity.value,
        note=failure.note,
        photos=list(failure.photos),
        found_at=uow.now,
    )
    uow.emit(
        FindingRecorded(
            finding_id=finding.finding_id,
            inspection_id=inspection.inspection_id,
            order_id=order.order_id,
            unit_id=unit.unit_id,
            unit_kind=UnitKind(unit.unit_kind),
            unit_name=unit.unit_name,
            institution_id=unit.institution_id,
            district=unit.district,
            township=unit.township,
            item_no=item.no,
            item=item.text,
            severity=item.severity,
            note=failure.note,
            compliance_rules=list(item.compliance_rules),
            incident_type=item.incident_type,
            inspector=inspection.inspector,
            found_at=uow.now,
        )
    )
    if item.incident_type is not None:
        finding.incident_id = uow.new_id()
        raised = _incident(item.incident_type, finding.incident_id, finding, inspection, unit, uow)
        uow.emit(raised)
    uow.repo.add(finding)
    return finding


def _incident(
    incident_type: IncidentType,
    incident_id: str,
    finding: Finding,
    inspection: Inspection,
    unit: Unit,
    uow: Uow,
) -> InspectionIncidentRaised:
    """The whistle for a finding another department must act on, as a grid report would."""
    location = (
        GeoPoint(latitude=inspection.latitude, longitude=inspection.longitude)
        if inspection.latitude is not None and inspection.longitude is not None
        else None
    )
    return InspectionIncidentRaised(
        incident_id=incident_id,
        incident_type=incident_type,
        description=f"督导检查第{finding.item_no}项不合格：{finding.note}",
        institution_name=unit.unit_name,
        institution_address=unit.address or f"{unit.district} {unit.township} {unit.grid}".strip(),
        reporter=inspection.inspector,
        district=unit.district,
        township=unit.township,
        grid=unit.grid,
        reported_at=uow.now,
        inspection_id=inspection.inspection_id,
        finding_id=finding.finding_id,
        unit_id=unit.unit_id,
        institution_id=unit.institution_id,
        location=location,
        institution_category=InstitutionCategory(unit.routing_category)
        if unit.routing_category
        else None,
    )


def _own(inspection_id: str, inspector: Principal, uow: Uow) -> Inspection:
    """An inspection the caller may see and, being the one who started it, change."""
    inspection = visible(
        uow.repo.inspection(inspection_id), inspector, uow, f"inspection {inspection_id}"
    )
    if inspection.inspector != inspector.username:
        raise NotAllowed(
            f"只有发起督导的督学可以修改 (only {inspection.inspector}, who started it, may change it)"
        )
    return inspection


def inspections(
    reader: Principal, filters: InspectionFilters, page: PageParams, uow: Uow
) -> tuple[list[Inspection], int]:
    with uow:
        return uow.repo.inspections(reach_of(reader), filters, page)


def inspection(
    inspection_id: str, reader: Principal, uow: Uow
) -> tuple[Inspection, list[ItemResultRow]]:
    with uow:
        found = visible(
            uow.repo.inspection(inspection_id), reader, uow, f"inspection {inspection_id}"
        )
        return found, uow.repo.results(inspection_id)
