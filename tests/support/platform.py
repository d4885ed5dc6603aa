"""The whole platform in this test process: every service on real HTTP, Kafka and Temporal.

In one process so an in-memory span exporter sees the spans of every service.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from temporalio.client import Client

from enforcement.app import create_app as create_enforcement
from enforcement.settings import EnforcementSettings
from gateway.app import create_app as create_gateway
from gateway.settings import GatewaySettings
from inspections.app import create_app as create_inspections
from inspections.settings import InspectionsSettings
from institutions.app import create_app as create_institutions
from institutions.settings import InstitutionsSettings
from oversight.app import create_app as create_oversight
from oversight.settings import OversightSettings
from patrol.app import create_app as create_patrol
from patrol.settings import PatrolSettings
from risk.app import create_app as create_risk
from risk.settings import RiskSettings
from tests.support.stack import ISSUER, KAFKA, TEMPORAL, free_port
from workflows.app import create_app as create_workflows
from workflows.settings import WorkflowSettings


@dataclass(frozen=True)
class Platform:
    run_id: str
    topic_prefix: str
    task_queue: str
    gateway_url: str
    patrol_url: str
    enforcement_url: str
    institutions_url: str
    risk_url: str
    oversight_url: str
    inspections_url: str
    workflows_url: str
    patrol_settings: PatrolSettings
    acknowledge_within_seconds: int


def common(run_id: str, topic_prefix: str) -> dict:
    return {
        "kafka_bootstrap": KAFKA,
        "topic_prefix": topic_prefix,
        "oidc_issuer": ISSUER,
        "otel_exporter": "none",
    }


@contextlib.asynccontextmanager
async def serve(app: FastAPI, port: int) -> AsyncIterator[str]:
    server = uvicorn.Server(
        # Open streams (the console's /live) would keep a graceful shutdown waiting for ever.
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="on",
            timeout_graceful_shutdown=3,
        )
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()  # re-raise the start-up failure
        await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


def short_clocks(acknowledge_within_seconds: int) -> str:
    """Clocks a test can wait out: 报到 in seconds, one rung per missed deadline within an hour;
    an hour to confirm on site and to rate."""
    ladder = ["department_lead", "district_office", "city_leadership"]

    def rule(within: str, remind: str) -> dict:
        return {
            "within": within,
            "working_time": False,
            "remind_before": remind,
            "ladder_step": "1h",
            "ladder": ladder,
        }

    return json.dumps(
        {
            "acknowledge": rule(f"{acknowledge_within_seconds}s", "5s"),
            "handle": {severity: rule("1h", "10m") for severity in ("urgent", "normal", "complex")},
            "ruling": rule("1h", "10m") | {"ladder": ladder[1:]},
            "confirm": {"within": "1h", "working_time": False, "escalate_to": "district_office"},
            "rating": {"within": "1h", "working_time": False},
        }
    )


@contextlib.asynccontextmanager
async def running_platform(
    run_id: str, topic_prefix: str, data_dir: Path, acknowledge_within_seconds: int
) -> AsyncIterator[Platform]:
    clocks = data_dir / "clocks.json"
    clocks.write_text(short_clocks(acknowledge_within_seconds))
    base = common(run_id, topic_prefix)
    patrol_settings = PatrolSettings(
        **base,
        database_url=f"sqlite:///{data_dir}/patrol.db",
        consumer_group=f"patrol-{run_id}",
        photo_dir=str(data_dir / "photos"),
    )
    enforcement_settings = EnforcementSettings(
        **base,
        database_url=f"sqlite:///{data_dir}/enforcement.db",
        consumer_group=f"enforcement-{run_id}",
    )
    oversight_settings = OversightSettings(
        **base,
        database_url=f"sqlite:///{data_dir}/oversight.db",
        consumer_group=f"oversight-{run_id}",
    )
    workflow_settings = WorkflowSettings(
        **base,
        temporal_address=TEMPORAL,
        task_queue=f"whistle-{run_id}",
        consumer_group=f"workflows-{run_id}",
        clock_policy_path=clocks,
    )
    institutions_settings = InstitutionsSettings(
        **base, database_url=f"sqlite:///{data_dir}/institutions.db"
    )
    risk_settings = RiskSettings(
        **base, database_url=f"sqlite:///{data_dir}/risk.db", consumer_group=f"risk-{run_id}"
    )
    inspections_settings = InspectionsSettings(
        **base,
        database_url=f"sqlite:///{data_dir}/inspections.db",
        consumer_group=f"inspections-{run_id}",
        evidence_dir=str(data_dir / "evidence"),
    )
    names = (
        "patrol",
        "enforcement",
        "oversight",
        "workflows",
        "institutions",
        "risk",
        "inspections",
        "gateway",
    )
    ports = {name: free_port() for name in names}
    gateway_settings = GatewaySettings(
        **base,
        patrol_url=f"http://127.0.0.1:{ports['patrol']}",
        enforcement_url=f"http://127.0.0.1:{ports['enforcement']}",
        workflows_url=f"http://127.0.0.1:{ports['workflows']}",
        institutions_url=f"http://127.0.0.1:{ports['institutions']}",
        risk_url=f"http://127.0.0.1:{ports['risk']}",
        oversight_url=f"http://127.0.0.1:{ports['oversight']}",
        inspections_url=f"http://127.0.0.1:{ports['inspections']}",
    )
    async with (
        serve(create_patrol(patrol_settings), ports["patrol"]) as patrol_url,
        serve(create_enforcement(enforcement_settings), ports["enforcement"]) as enforcement_url,
        serve(create_oversight(oversight_settings), ports["oversight"]) as oversight_url,
        serve(create_workflows(workflow_settings), ports["workflows"]) as workflows_url,
        serve(create_institutions(institutions_settings), ports["institutions"]) as inst_url,
        serve(create_risk(risk_settings), ports["risk"]) as risk_url,
        serve(create_inspections(inspections_settings), ports["inspections"]) as inspections_url,
        serve(create_gateway(gateway_settings), ports["gateway"]) as gateway_url,
    ):
        yield Platform(
            run_id=run_id,
            topic_prefix=topic_prefix,
            task_queue=workflow_settings.task_queue,
            gateway_url=gateway_url,
            patrol_url=patrol_url,
            enforcement_url=enforcement_url,
            institutions_url=inst_url,
            risk_url=risk_url,
            oversight_url=oversight_url,
            inspections_url=inspections_url,
            workflows_url=workflows_url,
            patrol_settings=patrol_settings,
            acknowledge_within_seconds=acknowledge_within_seconds,
        )


async def terminate_workflows_of(task_queue: str) -> None:
    """Leave no whistle of this run waiting on the shared dev server."""
    client = await Client.connect(TEMPORAL)
    query = f"TaskQueue = '{task_queue}' AND ExecutionStatus = 'Running'"
    async for execution in client.list_workflows(query):
        await client.get_workflow_handle(execution.id).terminate("test run finished")
