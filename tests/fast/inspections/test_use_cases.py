"""Every inspections use case over the fake unit of work: what it stores and what it announces."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contracts.events import (
    FindingRecorded,
    InspectionCompleted,
    InspectionIncidentRaised,
    RectificationEvidenceSubmitted,
    RectificationOrderAcknowledged,
    RectificationOrderClosed,
    RectificationOrderIssued,
    ReinspectionRecorded,
)
from contracts.vocabulary import IncidentType, InstitutionCategory
from govkit.errors import Invalid, NotAllowed, NotFound, WrongState
from govkit.http import PageParams
from govkit.principal import Principal
from inspections.domain.assignments import FileRejected
from inspections.domain.inspections import ItemResult, NewInspection, ResultEntry, ResultSheet
from inspections.domain.orders import EvidenceSubmission, OrderStatus
from inspections.domain.search import UnitFilters
from inspections.service import assignments, inspections, orders, units
from tests.fast.inspections.world import (
    GUITANG,
    INSPECTOR,
    LISTING,
    QIHANG,
    SCHOOL_ID,
    STAFF_GUITANG,
    STAFF_XINGCHEN,
    XINGCHEN,
    acknowledged,
    build,
    csv_of,
    inspect,
    rectified,
    reinspected,
)
from tests.fast.support import PEOPLE

PAGE = PageParams(offset=0, limit=200)
FAILS = {16: "预收费未进入监管账户", 22: "未使用示范合同文本", 24: "消防通道堵塞，灭火器过期"}


def _import(uow, rows, user="district_yuhua", **options):
    command = assignments.ImportAssignments("list.csv", csv_of(rows), PEOPLE[user], **options)
    return assignments.import_assignments(command, uow)


def test_institutions_are_learned_from_the_registry_and_schools_from_the_listing(uow):
    build(uow)
    xingchen = uow.repo.unit(XINGCHEN.institution_id)
    assert (xingchen.unit_kind, xingchen.routing_category) == (
        "non_subject_institution",
        "culture_arts",
    )
    assert uow.repo.unit(QIHANG.institution_id).unit_kind == "subject_institution"
    school = uow.repo.unit(SCHOOL_ID)
    assert (school.unit_kind, school.unit_name, school.district) == (
        "primary_school",
        "雨花区实验小学",
        "yuhua",
    )


def test_an_import_is_all_or_nothing_and_names_every_bad_row(uow):
    build(uow, listing=[])
    rows = [
        LISTING[0],
        {"inspector": "inspector_yuhua", "unit_type": "institution", "code": "91430111MA4Q0000XX"},
        {
            "inspector": "inspector_yuhua",
            "unit_type": "school",
            "code": "YH-PS-002",
            "name": "某小学",
        },
        {"inspector": "inspector_yuhua", "unit_type": "kindergarten", "code": "K-1"},
        LISTING[0],
        {**LISTING[2], "district": "furong"},
    ]
    with pytest.raises(FileRejected) as rejected:
        _import(uow, rows)
    errors = [(e.row, e.field) for e in rejected.value.report.errors]
    assert errors == [(3, "code"), (4, "row"), (5, "unit_type"), (6, "code"), (7, "district")]
    assert "registry" in rejected.value.report.errors[0].reason
    assert not uow.repo.listed("inspector_yuhua", QIHANG.institution_id)
    report = _import(uow, rows, accept_partial=True)
    assert (report.assigned, report.rejected_rows) == (1, 5)
    assert _import(uow, LISTING[:1]).unchanged == 1


def test_only_the_district_office_of_that_district_or_an_admin_lists_inspectors(uow):
    build(uow, listing=[])
    with pytest.raises(NotAllowed):
        _import(uow, LISTING, user="admin_user")  # an admin must name the district
    assert _import(uow, LISTING, user="admin_user", district="yuhua").assigned == 3


def test_an_inspector_sees_only_the_units_listed_for_them(uow, rules):
    build(uow)
    listed, count = units.units(INSPECTOR, UnitFilters(), PAGE, uow)
    assert count == 3 and GUITANG.institution_id not in {u.unit_id for u in listed}
    with pytest.raises(NotFound):
        units.unit(GUITANG.institution_id, INSPECTOR, uow)
    with pytest.raises(NotFound):
        inspect(uow, rules, GUITANG.institution_id, {})
    assert units.units(PEOPLE["district_yuhua"], UnitFilters(), PAGE, uow)[1] == 4
    assert units.units(PEOPLE["township_guitang"], UnitFilters(), PAGE, uow)[1] == 1
    assert units.units(PEOPLE["leader_city"], UnitFilters(q="星辰"), PAGE, uow)[1] == 1


def test_results_are_refused_for_unknown_or_inapplicable_items(uow, rules):
    build(uow)
    started = inspections.start(
        inspections.StartInspection(
            NewInspection(unit_id=XINGCHEN.institution_id, kind="routine"), INSPECTOR, rules
        ),
        uow,
    )

    def record(no, result=ItemResult.PASS, inspector=INSPECTOR, **extra):
        sheet = ResultSheet(results=[ResultEntry(item_no=no, result=result, **extra)])
        command = inspections.RecordResults(started.inspection_id, sheet, inspector, rules)
        return inspections.record_results(command, uow)

    with pytest.raises(Invalid, match="no item 26"):
        record(26)
    with pytest.raises(Invalid, match="does not apply"):
        record(1)  # a school item at an institution
    with pytest.raises(Invalid, match="not uploaded"):
        record(24, ItemResult.FAIL, note="消防通道堵塞", photos=["a" * 64])
    assert [r.result for r in record(18, ItemResult.NOT_APPLICABLE)] == ["not_applicable"]
    other = Principal("s", "inspector_b", frozenset({"inspector"}), district="yuhua")
    _import(uow, [{**LISTING[1], "inspector": "inspector_b"}])
    with pytest.raises(NotAllowed):
        record(17, inspector=other)
    with pytest.raises(Invalid, match="items without a result: 15, 16, 17"):
        inspections.complete(
            inspections.CompleteInspection(
                started.inspection_id, inspections.Completion(), INSPECTOR, rules
            ),
            uow,
        )


def test_failed_items_become_one_order_and_a_fire_finding_raises_an_incident(uow, rules):
    build(uow)
    done = inspect(uow, rules, XINGCHEN.institution_id, FAILS)
    assert done.status == "completed" and done.order_id is not None
    order = uow.repo.order(done.order_id)
    assert (order.number, order.status, order.severity) == ("yuhua-2026-0001", "issued", "urgent")
    # Monday 10:00 in Changsha + 5 working days: Monday 30 November at the close of office.
    assert order.deadline == datetime(2026, 11, 30, 9, 30, tzinfo=UTC)
    assert "2026年11月30日" in order.requirements
    kinds = [type(e).__name__ for e in uow.committed]
    assert kinds == [
        "FindingRecorded",
        "FindingRecorded",
        "FindingRecorded",
        "InspectionIncidentRaised",
        "RectificationOrderIssued",
        "InspectionCompleted",
    ]
    issued = next(e for e in uow.committed if isinstance(e, RectificationOrderIssued))
    findings = [e for e in uow.committed if isinstance(e, FindingRecorded)]
    assert issued.finding_ids == [f.finding_id for f in findings]
    assert [f.item_no for f in findings] == [16, 22, 24]
    assert findings[0].compliance_rules == ["prepaid_supervision"]
    assert findings[0].institution_id == XINGCHEN.institution_id
    raised = next(e for e in uow.committed if isinstance(e, InspectionIncidentRaised))
    assert raised.incident_type == IncidentType.FIRE_HAZARD
    assert raised.institution_category == InstitutionCategory.CULTURE_ARTS
    assert (raised.reporter, raised.township, raised.grid) == (
        "inspector_yuhua",
        "dongtang",
        "dongtang-01",
    )
    assert uow.repo.findings(order.order_id)[2].incident_id == raised.incident_id
    completed = uow.committed[-1]
    assert isinstance(completed, InspectionCompleted)
    assert (completed.items_checked, completed.items_failed) == (9, 3)


def test_a_clean_inspection_issues_no_order(uow, rules):
    build(uow)
    done = inspect(uow, rules, SCHOOL_ID, {})
    assert done.order_id is None
    assert [type(e).__name__ for e in uow.committed] == ["InspectionCompleted"]
    again = inspections.CompleteInspection(
        done.inspection_id, inspections.Completion(), INSPECTOR, rules
    )
    with pytest.raises(WrongState):
        inspections.complete(again, uow)


def test_the_unit_signs_rectifies_and_a_passing_reinspection_closes_the_order(uow, rules):
    build(uow)
    order_id = inspect(uow, rules, XINGCHEN.institution_id, FAILS).order_id
    with pytest.raises(NotFound):
        acknowledged(uow, order_id, STAFF_GUITANG)  # another unit's staff
    with pytest.raises(WrongState, match="after signing"):
        rectified(uow, order_id, STAFF_XINGCHEN)
    acknowledged(uow, order_id, STAFF_XINGCHEN)
    with pytest.raises(Invalid, match="not uploaded"):
        orders.submit_evidence(
            orders.SubmitEvidence(
                order_id, EvidenceSubmission(note="已整改完毕", files=["b" * 64]), STAFF_XINGCHEN
            ),
            uow,
        )
    rectified(uow, order_id, STAFF_XINGCHEN)
    reinspected(uow, order_id, passed=False)
    assert uow.repo.order(order_id).status == OrderStatus.RECTIFYING
    rectified(uow, order_id, STAFF_XINGCHEN)
    reinspected(uow, order_id, passed=True)
    view = orders.order(order_id, STAFF_XINGCHEN, uow)
    assert view.order.status == "closed" and view.order.closed_by == "inspector_yuhua"
    assert all(f.rectified_at is not None for f in view.findings)
    assert [e.kind for e in view.history] == [
        "acknowledged",
        "evidence",
        "reinspection",
        "evidence",
        "reinspection",
    ]
    assert view.form.signed_by_unit == "星辰艺术培训中心" and view.form.contact_name == "陈静"
    events = [e for e in uow.committed if not isinstance(e, FindingRecorded)][3:]
    assert [type(e) for e in events] == [
        RectificationOrderAcknowledged,
        RectificationEvidenceSubmitted,
        ReinspectionRecorded,
        RectificationEvidenceSubmitted,
        ReinspectionRecorded,
        RectificationOrderClosed,
    ]
    assert [e.round for e in events if isinstance(e, ReinspectionRecorded)] == [1, 2]
    with pytest.raises(WrongState):
        reinspected(uow, order_id, passed=True)


def test_staff_see_their_own_orders_and_nothing_else(uow, rules):
    build(uow)
    _import(uow, [{**LISTING[0], "code": GUITANG.credit_code}])
    mine = inspect(uow, rules, XINGCHEN.institution_id, FAILS).order_id
    theirs = inspect(uow, rules, GUITANG.institution_id, {22: "未使用示范合同"}).order_id
    rows, count = orders.orders(STAFF_XINGCHEN, None, PAGE, uow)
    assert (count, [o.order_id for o in rows]) == (1, [mine])
    with pytest.raises(NotFound):
        orders.order(theirs, STAFF_XINGCHEN, uow)
    assert orders.orders(PEOPLE["township_guitang"], None, PAGE, uow)[1] == 1
    assert orders.orders(PEOPLE["district_yuhua"], OrderStatus.ISSUED, PAGE, uow)[1] == 2
    assert orders.orders(PEOPLE["edu_officer_furong"], None, PAGE, uow)[1] == 0


def test_inspections_are_listed_within_reach(uow, rules):
    build(uow)
    done = inspect(uow, rules, SCHOOL_ID, {6: "三年级书面作业超过60分钟"})
    found, results = inspections.inspection(done.inspection_id, PEOPLE["township_dongtang"], uow)
    assert found.unit_kind == "primary_school" and len(results) == 14
    with pytest.raises(NotFound):
        inspections.inspection(found.inspection_id, PEOPLE["township_guitang"], uow)
