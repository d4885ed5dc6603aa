"""A small 雨花区 for inspections: three institutions from the registry, a listed school, and
helpers that run an inspection or move an order along through the real use cases."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from contracts.events import InstitutionRegistered
from contracts.vocabulary import Department
from govkit.principal import Principal
from inspections.domain.assignments import COLUMNS
from inspections.domain.inspections import (
    Completion,
    ItemResult,
    NewInspection,
    ResultEntry,
    ResultSheet,
)
from inspections.domain.orders import Acknowledgement, EvidenceSubmission, ReinspectionReport
from inspections.service import assignments, inspections, orders, units
from inspections.service.common import Rules
from inspections.store.tables import Inspection
from tests.fast.support import PEOPLE, T0

INSPECTOR = PEOPLE["inspector_yuhua"]
STAFF_XINGCHEN = PEOPLE["staff_xingchen"]
STAFF_GUITANG = PEOPLE["staff_guitang_sports"]
SCHOOL_ID = "school-YH-PS-001"


def registered(
    institution_id: str,
    credit_code: str,
    name: str,
    *,
    subject: bool = False,
    department: Department | None = None,
    district: str = "yuhua",
    township: str = "dongtang",
) -> InstitutionRegistered:
    return InstitutionRegistered(
        institution_id=institution_id,
        credit_code=credit_code,
        name=name,
        kind="training_institution",
        category="subject" if subject else "non_subject",
        supervising_department=department,
        state="approved",
        district=district,
        township=township,
        grid=f"{township}-01",
        registered_by="district_yuhua",
        registered_at=T0,
    )


QIHANG = registered(
    "inst-qihang", "52430111MJY0001015", "启航学堂", subject=True, department=Department.EDUCATION
)
XINGCHEN = registered(
    "inst-xingchen", "52430111MJY0001028", "星辰艺术培训中心", department=Department.CULTURE_TOURISM
)
GUITANG = registered(
    "inst-guitang",
    "91430111MA4Q00103N",
    "圭塘青少年体育俱乐部",
    department=Department.SPORTS,
    township="guitang",
)


def csv_of(rows: list[Mapping[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


LISTING = [
    {"inspector": "inspector_yuhua", "unit_type": "institution", "code": QIHANG.credit_code},
    {"inspector": "inspector_yuhua", "unit_type": "institution", "code": XINGCHEN.credit_code},
    {
        "inspector": "inspector_yuhua",
        "unit_type": "school",
        "code": "YH-PS-001",
        "name": "雨花区实验小学",
        "level": "primary",
        "township": "dongtang",
        "address": "长沙市雨花区东塘街道1号",
    },
]


def build(uow, listing: list[Mapping[str, str]] = LISTING) -> None:
    """The registry's three institutions, and the demo inspector listed for all but 圭塘."""
    for event in (QIHANG, XINGCHEN, GUITANG):
        with uow:
            units.learn_institution(event, uow)
            uow.commit()
    command = assignments.ImportAssignments("list.csv", csv_of(listing), PEOPLE["district_yuhua"])
    assignments.import_assignments(command, uow)


def inspect(
    uow,
    rules: Rules,
    unit_id: str,
    failures: Mapping[int, str],
    inspector: Principal = INSPECTOR,
) -> Inspection:
    """Start, record every applicable item (these fail, the rest pass), and complete."""
    started = inspections.start(
        inspections.StartInspection(
            NewInspection(unit_id=unit_id, kind="routine"), inspector, rules
        ),
        uow,
    )
    items = rules.checklists.current.applicable(started.unit_kind)
    sheet = ResultSheet(
        results=[
            ResultEntry(
                item_no=item.no,
                result=ItemResult.FAIL if item.no in failures else ItemResult.PASS,
                note=failures.get(item.no, ""),
            )
            for item in items
        ]
    )
    record = inspections.RecordResults(started.inspection_id, sheet, inspector, rules)
    inspections.record_results(record, uow)
    command = inspections.CompleteInspection(started.inspection_id, Completion(), inspector, rules)
    return inspections.complete(command, uow)


def acknowledged(uow, order_id: str, staff: Principal) -> None:
    ack = Acknowledgement(contact_name="陈静", contact_phone="0731-85550000")
    orders.acknowledge(orders.AcknowledgeOrder(order_id, ack, staff), uow)


def rectified(uow, order_id: str, staff: Principal) -> None:
    submission = EvidenceSubmission(note="已整改：消防通道已清理，合同已换用示范文本")
    orders.submit_evidence(orders.SubmitEvidence(order_id, submission, staff), uow)


def reinspected(uow, order_id: str, passed: bool, inspector: Principal = INSPECTOR) -> None:
    report = ReinspectionReport(passed=passed, note="复查合格" if passed else "仍有问题")
    orders.reinspect(orders.Reinspect(order_id, report, inspector), uow)
