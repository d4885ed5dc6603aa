"""The case begins with its report: who, when, where and what, whichever arrives first."""

from __future__ import annotations

from datetime import timedelta

from faststream.kafka import TestKafkaBroker

from contracts.events import IncidentReported
from contracts.vocabulary import Department
from enforcement.handlers import REPORTS
from tests.fast.enforcement.casework import CASE, dispatch_command, open_case
from tests.fast.support import T0, bearer, envelope_of
from tests.support.reports import incident_reported

TOPIC = "fast.patrol.incidents"
REPORTED_AT = T0 - timedelta(minutes=1)
REPORT = incident_reported(CASE, reported_at=REPORTED_AT)


async def publish(api, *messages_and_ids) -> None:
    async with TestKafkaBroker(api.app.state.runtime.broker) as kafka:
        for message, event_id in messages_and_ids:
            topic = TOPIC if isinstance(message, IncidentReported) else "fast.enforcement.commands"
            await kafka.publish(envelope_of(message, event_id), topic=topic)


def assert_the_case_begins_with_its_report(api) -> None:
    case = api.get(f"/cases/{CASE}", headers=bearer("edu_officer")).json()
    assert (case["reporter"], case["reported_at"]) == ("grid_dongtang", "2026-11-23T01:59:00Z")
    assert case["location"] == {"latitude": 28.1135, "longitude": 113.0136}
    assert (case["institution_name"], case["description"]) == ("启航学堂", REPORT.description)
    assert case["institution_address"] == REPORT.institution_address
    first, *rest = case["timeline"]
    assert first["event_type"] == "gov.patrol.IncidentReported.v1"
    assert first["data"]["reporter"] == "grid_dongtang" and first["at"] == case["reported_at"]
    assert [e["event_type"].split(".")[2] for e in rest] == ["DepartmentTaskDispatched"]
    listed = api.get("/cases", headers=bearer("township_dongtang")).json()["data"]
    assert [(c["case_id"], c["reporter"]) for c in listed] == [(CASE, "grid_dongtang")]


async def test_a_report_that_comes_first_is_on_the_case_the_dispatch_opens(api):
    await publish(api, (REPORT, "r-1"), (dispatch_command(Department.EDUCATION, lead=True), "d-1"))
    assert_the_case_begins_with_its_report(api)


async def test_a_report_that_comes_after_the_dispatch_still_comes_first(api, uow):
    open_case(uow, Department.EDUCATION)
    before = api.get(f"/cases/{CASE}", headers=bearer("edu_officer")).json()
    assert (before["reporter"], before["location"]) == (None, None)
    await publish(api, (REPORT, "r-1"))
    assert_the_case_begins_with_its_report(api)


async def test_a_report_is_recorded_once_and_announces_nothing(api, uow):
    open_case(uow, Department.EDUCATION)
    republished = REPORT.model_copy(update={"description": "同一上报的另一份副本"})
    await publish(api, (REPORT, "r-1"), (REPORT, "r-1"), (republished, "r-2"))
    reports = [e for e in uow.repo.timeline if e.event_type == REPORT.EVENT_TYPE]
    assert len(reports) == 1 and uow.repo.case(CASE).description == REPORT.description
    assert [type(m).__name__ for m in uow.committed] == ["DepartmentTaskDispatched"]


async def test_a_report_nobody_dispatched_yet_is_not_a_case_anyone_sees(api, uow):
    await publish(api, (REPORT, "r-1"))
    assert api.get(f"/cases/{CASE}", headers=bearer("township_dongtang")).status_code == 404
    assert REPORTS.event_types == [REPORT.EVENT_TYPE]
