"""Every patrol use case over the fake unit of work: what it stores and what it announces."""

from __future__ import annotations

import pytest

from contracts.events import (
    CaseClosed,
    CaseReopened,
    ComplianceViolationFound,
    ComplianceViolationResolved,
    DepartmentTaskDispatched,
    GeoPoint,
    IncidentReported,
)
from contracts.vocabulary import Department, IncidentType, ReopenCause, ReporterRole, Severity
from govkit.errors import Invalid, NotAllowed, NotFound
from govkit.http import PageParams
from patrol import service
from patrol.domain.incidents import IncidentReport
from patrol.domain.leads import LeadStatus
from tests.fast.support import PEOPLE, T0

PAGE = PageParams(offset=0, limit=50)
REPORT = IncidentReport(
    incident_type=IncidentType.OUT_OF_HOURS_TRAINING,
    description="周六晚九点仍在补课",
    location=GeoPoint(latitude=28.1, longitude=113.0),
    institution_name="启航学堂",
    institution_address="雨花区东塘街道1号",
)


def reported(uow, username="grid_dongtang", report=REPORT):
    return service.report(service.ReportIncident(report, PEOPLE[username]), uow)


def test_report_stores_the_incident_and_announces_it_on_commit(uow):
    incident = reported(uow)
    assert uow.repo.incident(incident.incident_id) is incident
    assert incident.grid == "dongtang-01" and incident.status == "reported"
    [event] = uow.committed
    assert isinstance(event, IncidentReported)
    assert event.incident_id == incident.incident_id and event.reporter == "grid_dongtang"
    assert (event.reported_at, event.reporter_role) == (T0, ReporterRole.GRID_WORKER)


def test_a_refused_report_stores_and_announces_nothing(uow):
    with pytest.raises(Invalid):
        reported(uow, report=REPORT.model_copy(update={"severity": Severity.URGENT}))
    with pytest.raises(NotAllowed):
        reported(uow, username="district_yuhua")  # no grid on the account
    assert uow.committed == [] and uow.repo.incidents_by_id == {}


def test_a_township_names_grid_and_departments(uow):
    own = REPORT.model_copy(update={"grid": "dongtang-02", "departments": [Department.FIRE_SAFETY]})
    incident = reported(uow, "township_dongtang", own)
    assert incident.grid == "dongtang-02"
    assert uow.committed[0].departments == [Department.FIRE_SAFETY]
    assert uow.committed[0].reporter_role == ReporterRole.TOWNSHIP_OFFICER  # it confirms on site


def test_incidents_are_listed_within_the_callers_scope(uow):
    mine = reported(uow)
    reported(uow, "grid_guitang")
    rows, count = service.incidents(PEOPLE["grid_dongtang"], PAGE, uow)
    assert (count, [r.incident_id for r in rows]) == (1, [mine.incident_id])
    assert service.incidents(PEOPLE["district_yuhua"], PAGE, uow)[1] == 2
    assert service.incidents(PEOPLE["township_guitang"], PAGE, uow)[1] == 1


def test_an_incident_outside_the_scope_is_not_found(uow):
    theirs = reported(uow, "grid_guitang")
    assert service.incident(theirs.incident_id, PEOPLE["leader_city"], uow) is theirs
    with pytest.raises(NotFound):
        service.incident(theirs.incident_id, PEOPLE["township_dongtang"], uow)


def test_the_incident_follows_its_case_to_dispatched_then_closed(uow):
    incident = reported(uow)
    with uow:
        service.follow_dispatch(_dispatched(incident.incident_id), uow)
    assert incident.status == "dispatched"
    with uow:
        service.follow_closure(
            CaseClosed(
                case_id=incident.incident_id,
                incident_id=incident.incident_id,
                verified_by="township_dongtang",
                closed_at=T0,
            ),
            uow,
        )
        service.follow_dispatch(_dispatched(incident.incident_id, "fire_safety"), uow)
    assert incident.status == "closed"  # a late dispatch does not reopen it
    with uow:
        service.follow_reopening(
            CaseReopened(
                case_id=incident.incident_id,
                round=1,
                cause=ReopenCause.NOT_SOLVED,
                reason="现场核查未解决",
                reopened_by="grid_dongtang",
                reopened_at=T0,
            ),
            uow,
        )
    assert incident.status == "dispatched"  # back with its departments


def test_a_violation_opens_one_lead_and_its_resolution_resolves_it(uow):
    with uow:
        service.open_lead(VIOLATION, uow)
        service.open_lead(VIOLATION, uow)
    assert list(uow.repo.leads_by_id) == ["v-1"]
    rows, count = service.leads(PEOPLE["grid_dongtang"], LeadStatus.OPEN, PAGE, uow)
    assert count == 1 and rows[0].institution_name == "启航学堂"
    assert service.leads(PEOPLE["grid_guitang"], None, PAGE, uow)[1] == 0
    with uow:
        service.resolve_lead(
            ComplianceViolationResolved(
                violation_id="v-1", institution_id="inst-1", rule="after_2030", resolved_at=T0
            ),
            uow,
        )
    assert service.leads(PEOPLE["grid_dongtang"], LeadStatus.OPEN, PAGE, uow)[1] == 0
    assert service.leads(PEOPLE["grid_dongtang"], LeadStatus.RESOLVED, PAGE, uow)[1] == 1


VIOLATION = ComplianceViolationFound(
    violation_id="v-1",
    institution_id="inst-1",
    institution_name="启航学堂",
    address="雨花区东塘街道1号",
    rule="after_2030",
    evidence="课程安排至21:00",
    severity=Severity.NORMAL,
    district="yuhua",
    township="dongtang",
    grid="dongtang-01",
    found_at=T0,
)


def _dispatched(case_id: str, department: str = "education") -> DepartmentTaskDispatched:
    return DepartmentTaskDispatched(
        task_id=f"{case_id}:{department}",
        case_id=case_id,
        department=Department(department),
        district="yuhua",
        township="dongtang",
        acknowledge_by=T0,
        dispatched_at=T0,
    )
