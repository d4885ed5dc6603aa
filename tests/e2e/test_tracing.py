"""One report is one trace: gateway → patrol → Kafka → workflow → enforcement."""

from __future__ import annotations

import pytest
from opentelemetry.trace import SpanKind

from tests.support.reports import unlicensed_school_report
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e


async def test_spans_of_one_report_share_one_trace(gateway, platform, span_exporter):
    span_exporter.clear()  # the exporter has collected the spans of every earlier test too
    reply = await gateway.post(
        "/api/patrol/incidents", json=unlicensed_school_report(), headers=bearer("grid_dongtang")
    )
    assert reply.status_code == 201, reply.text
    case_id = reply.json()["incident_id"]

    async def case_with_tasks():
        case = await gateway.get(
            f"/api/enforcement/cases/{case_id}", headers=bearer("township_dongtang")
        )
        return case.json() if case.status_code == 200 and len(case.json()["tasks"]) == 2 else None

    await eventually(case_with_tasks, what="both department tasks dispatched")
    spans = span_exporter.get_finished_spans()
    entry = next(
        s
        for s in spans
        if s.kind == SpanKind.SERVER
        and s.name == "POST /api/{service}/{path:path}"
        and s.attributes.get("http.target", s.attributes.get("url.path", "")).endswith("/incidents")
    )
    trace = [s for s in spans if s.context.trace_id == entry.context.trace_id]
    names = {s.name for s in trace}
    assert {
        "POST /incidents",  # patrol, behind the gateway
        f"{platform.topic_prefix}patrol.incidents publish",  # outbox relay
        f"{platform.topic_prefix}patrol.incidents process",  # the bridge consumer
        "StartWorkflow:WhistleWorkflow",
        "RunWorkflow:WhistleWorkflow",
        "RunActivity:dispatch_department_tasks",
        f"{platform.topic_prefix}enforcement.commands process",  # enforcement's consumer
        f"{platform.topic_prefix}enforcement.cases publish",  # the task's DepartmentTaskDispatched
    } <= names
    assert sum(s.name == "RunActivity:dispatch_department_tasks" for s in trace) == 1
