"""The workflows process: Temporal worker, the Kafka bridge, and a health endpoint."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import timedelta

from fastapi import FastAPI, Response
from opentelemetry.sdk.trace.export import SpanExporter
from temporalio.client import Client
from temporalio.contrib.opentelemetry import TracingInterceptor
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Worker

from govkit.auth import TokenVerifier
from govkit.calendar import load_calendar
from govkit.messaging import create_broker
from govkit.service import health_report
from govkit.telemetry import setup_telemetry
from workflows.activities import EnforcementCommands
from workflows.api import router as whistles_router
from workflows.bridge import register_bridge
from workflows.policy import load_clock_policy, load_routing_table
from workflows.settings import WorkflowSettings
from workflows.whistle import WhistleWorkflow


async def connect_temporal(settings: WorkflowSettings, tracer) -> Client:
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        interceptors=[TracingInterceptor(tracer)],
        data_converter=pydantic_data_converter,
    )


def create_app(
    settings: WorkflowSettings | None = None, *, span_exporter: SpanExporter | None = None
) -> FastAPI:
    settings = settings or WorkflowSettings()
    tracer_provider = setup_telemetry("workflows", settings, span_exporter)
    routing, calendar = load_routing_table(), load_calendar()
    policy_path = settings.clock_policy_path
    policy = load_clock_policy(policy_path.read_text() if policy_path else None)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        client = await connect_temporal(settings, tracer_provider.get_tracer("temporalio"))
        broker = create_broker(settings.kafka_bootstrap, tracer_provider, client_id="workflows")
        register_bridge(broker, client, settings, routing=routing, policy=policy, calendar=calendar)
        commands = EnforcementCommands(broker, settings.topic_prefix)
        worker = Worker(
            client,
            task_queue=settings.task_queue,
            workflows=[WhistleWorkflow],
            activities=commands.activities(),
        )
        await broker.start()
        worker_task = asyncio.create_task(worker.run())
        app.state.client, app.state.broker = client, broker
        try:
            yield
        finally:
            await worker.shutdown()
            with contextlib.suppress(asyncio.CancelledError):
                await worker_task
            await broker.stop()

    app = FastAPI(title="workflows", lifespan=lifespan)
    app.state.token_verifier = TokenVerifier(
        issuer=settings.oidc_issuer,
        audience=settings.oidc_audience,
        jwks_url=settings.oidc_jwks_url,
    )
    app.include_router(whistles_router)

    @app.get("/health", summary="Temporal and Kafka up?")
    async def health(response: Response) -> dict[str, str]:
        checks = {
            "temporal": "up" if await _temporal_up(app.state.client) else "down",
            "kafka": "up" if await app.state.broker.ping(timeout=2) else "down",
        }
        return health_report("workflows", checks, response)

    return app


async def _temporal_up(client: Client) -> bool:
    try:
        return await client.service_client.check_health(timeout=timedelta(seconds=2))
    except Exception:
        return False
