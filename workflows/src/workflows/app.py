"""The workflows process: Temporal worker (whistles and rectification orders), the Kafka
bridge, the working calendar, health."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta
from typing import Any

from fastapi import FastAPI, Response
from opentelemetry.sdk.trace.export import SpanExporter
from temporalio.client import Client
from temporalio.contrib.opentelemetry import TracingInterceptor
from temporalio.worker import Worker

from contracts.topics import WORKFLOWS_CALENDAR
from govkit.auth import TokenVerifier, Verifier
from govkit.background_checks import BackgroundChecks, Check
from govkit.calendar_feed import CalendarFeed
from govkit.consumer_health import ConsumerHealth
from govkit.consumers import Consumers
from govkit.dead_letter_api import mount_dead_letters
from govkit.http import install_error_handlers
from govkit.messaging import create_broker
from govkit.service import health_report
from govkit.stopping import within_bound
from govkit.telemetry import setup_telemetry
from govkit.uow import new_uuid, utc_now
from workflows.activities import EnforcementCommands
from workflows.api import router as whistles_router
from workflows.bridge import register_bridge
from workflows.calendar_api import router as calendar_router
from workflows.data_converter import data_converter
from workflows.policy import load_clock_policy, load_routing_table
from workflows.rectification import RectificationWorkflow
from workflows.rectification_activities import InspectionsCommands
from workflows.sandbox import workflow_runner
from workflows.settings import WorkflowSettings
from workflows.whistle import WhistleWorkflow


async def connect_temporal(settings: WorkflowSettings, tracer) -> Client:
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        interceptors=[TracingInterceptor(tracer)],
        data_converter=data_converter,
    )


def create_app(
    settings: WorkflowSettings | None = None,
    *,
    span_exporter: SpanExporter | None = None,
    clock: Callable[[], datetime] = utc_now,
    token_verifier: Verifier | None = None,
) -> FastAPI:
    """The process; a test may fix its clock and check tokens its own way."""
    settings = settings or WorkflowSettings()
    tracer_provider = setup_telemetry("workflows", settings, span_exporter)
    routing, calendar = load_routing_table(), CalendarFeed()
    policy_path = settings.clock_policy_path
    policy = load_clock_policy(policy_path.read_text() if policy_path else None)
    broker = create_broker(settings.kafka_bootstrap, tracer_provider, client_id="workflows")
    consumers = Consumers(broker, settings.kafka_bootstrap, settings.topic_prefix)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        client = await connect_temporal(settings, tracer_provider.get_tracer("temporalio"))
        register_bridge(
            consumers, client, settings, routing=routing, policy=policy, calendar=calendar
        )
        commands = EnforcementCommands(broker, settings.topic_prefix)
        orders = InspectionsCommands(broker, settings.topic_prefix)
        worker = Worker(
            client,
            task_queue=settings.task_queue,
            workflows=[WhistleWorkflow, RectificationWorkflow],
            activities=commands.activities() + orders.activities(),
            workflow_runner=workflow_runner,
        )
        # New whistles take the calendar as it stands: read it to the end before any starts.
        async with (
            calendar.following(settings.kafka_bootstrap, settings.topic_prefix),
            consumer_health.watching(),
        ):
            await broker.start()
            worker_task = asyncio.create_task(worker.run())
            app.state.client = client
            try:
                async with dependencies.running():
                    yield
            finally:
                await within_bound(worker.shutdown(), "stopping the Temporal worker")
                with contextlib.suppress(asyncio.CancelledError):
                    await within_bound(worker_task, "ending the Temporal worker's run")
                await consumers.stop()

    app = FastAPI(title="workflows", lifespan=lifespan)
    app.state.token_verifier = token_verifier or TokenVerifier.from_settings(settings)
    app.state.broker, app.state.calendar = broker, calendar
    app.state.clock, app.state.new_id = clock, new_uuid
    app.state.calendar_topic = settings.topic_prefix + WORKFLOWS_CALENDAR.name
    install_error_handlers(app)
    app.include_router(whistles_router)
    app.include_router(calendar_router)
    consumer_health = ConsumerHealth(consumers, mount_dead_letters(app, consumers))

    dependencies = BackgroundChecks(
        {
            "temporal": Check(
                lambda: app.state.client.service_client.check_health(timeout=timedelta(seconds=2))
            ),
            "kafka": Check(consumers.looks.reachable),
        }
    )
    app.state.dependency_checks = dependencies

    @app.get(
        "/health",
        summary="Temporal and Kafka up? How far the working calendar reaches; the bridge's "
        "consumer groups",
    )
    async def health(response: Response) -> dict[str, Any]:
        notes = {"calendar": calendar.current.coverage(clock())}
        return health_report("workflows", dependencies, consumer_health, response, notes)

    return app
