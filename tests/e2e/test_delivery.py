"""Nothing lost, nothing doubled: the outbox survives a stop, duplicates change nothing."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from sqlmodel import Session, create_engine, select
from temporalio.client import Client

from contracts.envelope import Envelope
from contracts.events import IncidentReported
from contracts.topics import ENFORCEMENT_COMMANDS, PATROL_INCIDENTS
from govkit.tables import OutboxMessage
from patrol.app import create_app as create_patrol
from tests.support.kafka import consumed_to_end, publish
from tests.support.platform import serve
from tests.support.reports import unlicensed_school_report
from tests.support.stack import TEMPORAL, free_port
from tests.support.tokens import bearer
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e


async def _case(gateway: httpx.AsyncClient, case_id: str) -> dict | None:
    reply = await gateway.get(f"/api/enforcement/cases/{case_id}", headers=bearer("district_yuhua"))
    return reply.json() if reply.status_code == 200 else None


async def _case_with_tasks(gateway: httpx.AsyncClient, case_id: str, tasks: int) -> dict | None:
    case = await _case(gateway, case_id)
    return case if case and len(case["tasks"]) >= tasks else None


async def test_event_committed_before_a_stop_is_published_after_restart(
    platform, gateway, tmp_path
):
    settings = platform.patrol_settings.model_copy(
        update={
            "database_url": f"sqlite:///{tmp_path}/patrol.db",
            "consumer_group": f"{platform.patrol_settings.consumer_group}-restart",
        }
    )
    port = free_port()
    # Patrol commits the report and its event, then stops before its relay publishes.
    async with (
        serve(create_patrol(settings, run_relay=False), port) as url,
        httpx.AsyncClient(base_url=url) as patrol,
    ):
        reply = await patrol.post(
            "/incidents", json=unlicensed_school_report(), headers=bearer("grid_dongtang")
        )
        assert reply.status_code == 201, reply.text
        case_id = reply.json()["incident_id"]
    engine = create_engine(settings.database_url)
    with Session(engine) as session:
        pending = session.exec(select(OutboxMessage)).all()
    assert [(m.key, m.published_at) for m in pending] == [(case_id, None)]
    assert await _case(gateway, case_id) is None

    # Restarted, it publishes what it had committed, and the whistle goes out.
    async with serve(create_patrol(settings), port):
        case = await eventually(
            lambda: _case_with_tasks(gateway, case_id, 2), what="both tasks after restart"
        )
    assert {t["department"] for t in case["tasks"]} == {"education", "market_supervision"}
    with Session(engine) as session:
        assert all(m.published_at is not None for m in session.exec(select(OutboxMessage)))


async def test_duplicated_report_starts_one_whistle_and_dispatches_each_task_once(
    platform, gateway
):
    incident_id = str(uuid.uuid4())
    report = IncidentReported(
        incident_id=incident_id,
        reporter="grid_dongtang",
        district="yuhua",
        township="dongtang",
        grid="dongtang-01",
        reported_at=datetime.now(UTC),
        **unlicensed_school_report(),
    )
    envelope = Envelope(
        id=str(uuid.uuid4()),
        source="/services/patrol",
        type=report.EVENT_TYPE,
        time=report.reported_at,
        subject=incident_id,
        data=report.model_dump(mode="json"),
    )
    incidents_topic = platform.topic_prefix + PATROL_INCIDENTS.name
    publish(incidents_topic, incident_id, envelope, times=2)

    case = await eventually(lambda: _case(gateway, incident_id), what="case opened")
    # The workflow's own dispatch commands, delivered a second time, change nothing either.
    commands_topic = platform.topic_prefix + ENFORCEMENT_COMMANDS.name
    await eventually(lambda: _all_tasks(gateway, incident_id), what="both tasks dispatched")
    replayed = Envelope(
        id=f"whistle-{incident_id}:dispatch:{incident_id}:education",
        source="/workflows/whistle",
        type="gov.workflows.DispatchDepartmentTask.v1",
        time=datetime.now(UTC),
        subject=incident_id,
        data=_dispatch_command(case, incident_id),
    )
    publish(commands_topic, incident_id, replayed)

    async def all_consumed():
        return await asyncio.to_thread(
            lambda: (
                consumed_to_end(f"workflows-{platform.run_id}", incidents_topic)
                and consumed_to_end(f"enforcement-{platform.run_id}", commands_topic)
            )
        )

    await eventually(all_consumed, what="both duplicates consumed")
    case = await _case(gateway, incident_id)
    kinds = [e["event_type"] for e in case["timeline"]]
    assert sorted(t["department"] for t in case["tasks"]) == ["education", "market_supervision"]
    assert kinds.count("gov.enforcement.DepartmentTaskDispatched.v1") == 2
    client = await Client.connect(TEMPORAL)
    runs = [w async for w in client.list_workflows(f"WorkflowId = 'whistle-{incident_id}'")]
    assert len(runs) == 1


async def test_a_redelivered_escalation_is_recorded_and_counted_once(platform, gateway):
    reply = await gateway.post(
        "/api/patrol/incidents", json=unlicensed_school_report(), headers=bearer("grid_dongtang")
    )
    case_id = reply.json()["incident_id"]

    async def both_escalated():
        case = await _case(gateway, case_id)
        entries = [
            e
            for e in (case or {}).get("timeline", [])
            if e["event_type"].endswith("TaskEscalated.v1")
        ]
        return entries if len(entries) == 2 else None

    escalations = await eventually(
        both_escalated, timeout=platform.acknowledge_within_seconds + 30, what="two escalations"
    )
    commands_topic = platform.topic_prefix + ENFORCEMENT_COMMANDS.name
    for entry in escalations:  # the workflow's own commands, delivered twice more
        escalated = entry["data"]
        command = {
            k: escalated[k]
            for k in ("escalation_id", "task_id", "case_id", "level", "reason", "clock", "reaches")
        } | {"missed_deadline": escalated["missed_deadline"]}
        replayed = Envelope(
            id=escalated["escalation_id"],
            source="/workflows/whistle",
            type="gov.workflows.RecordEscalation.v1",
            time=datetime.now(UTC),
            subject=case_id,
            data=command,
        )
        publish(commands_topic, case_id, replayed, times=2)
    await eventually(
        lambda: asyncio.to_thread(
            consumed_to_end, f"enforcement-{platform.run_id}", commands_topic
        ),
        what="the redeliveries consumed",
    )
    case = await _case(gateway, case_id)
    assert [t["escalation_level"] for t in case["tasks"]] == [1, 1]
    kinds = [e["event_type"].split(".")[2] for e in case["timeline"]]
    assert kinds.count("TaskEscalated") == 2
    notices = await gateway.get(
        "/api/enforcement/notifications?limit=200", headers=bearer("edu_lead")
    )
    mine = [
        n
        for n in notices.json()["data"]
        if n["case_id"] == case_id and n["kind"] == "TaskEscalated"
    ]
    assert len(mine) == 1  # education's lead is told once; market supervision has its own


async def _all_tasks(gateway: httpx.AsyncClient, case_id: str) -> bool:
    case = await _case(gateway, case_id)
    return bool(case) and len(case["tasks"]) == 2


def _dispatch_command(case: dict, incident_id: str) -> dict:
    education = next(t for t in case["tasks"] if t["department"] == "education")
    return {
        "task_id": education["task_id"],
        "case_id": incident_id,
        "incident_id": incident_id,
        "incident_type": "unlicensed_school",
        "department": "education",
        "district": "yuhua",
        "township": "dongtang",
        "grid": "dongtang-01",
        "summary": case["summary"],
        "acknowledge_by": education["acknowledge_by"],
    }
