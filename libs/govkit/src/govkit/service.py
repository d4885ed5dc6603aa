"""The composition root every service shares: database, Kafka, outbox relay, telemetry, health
(dependencies checked in the background, govkit.background_checks)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypedDict, Unpack

from fastapi import APIRouter, FastAPI, Response
from faststream.kafka import KafkaBroker
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.sdk.trace.export import SpanExporter
from sqlalchemy import MetaData, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from govkit.auth import TokenVerifier, Verifier
from govkit.background_checks import BackgroundChecks, Check
from govkit.calendar_feed import CalendarFeed
from govkit.consumer_health import ConsumerHealth
from govkit.consumers import Consumers
from govkit.db import create_db_engine
from govkit.dead_letter_api import mount_dead_letters
from govkit.http import install_error_handlers
from govkit.messaging import create_broker
from govkit.migrations import prepare_schema
from govkit.outbox import OutboxRelay
from govkit.settings import CommonSettings
from govkit.stopping import within_bound
from govkit.telemetry import setup_telemetry
from govkit.uow import SqlUnitOfWork, UnitOfWork, new_uuid, utc_now


@dataclass
class Runtime:
    """What routes and handlers of one service need at run time."""

    name: str
    engine: Engine
    broker: KafkaBroker
    relay: OutboxRelay
    repositories: Callable[[Session], Any] = field(default=lambda session: session)
    clock: Callable[[], datetime] = utc_now
    new_id: Callable[[], str] = new_uuid

    @property
    def source(self) -> str:
        return f"/services/{self.name}"

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def unit_of_work(self) -> UnitOfWork[Any]:
        """A transaction over this service's database with its repositories and outbox."""
        return SqlUnitOfWork(
            self.session,
            self.repositories,
            source=self.source,
            clock=self.clock,
            new_id=self.new_id,
            on_commit=self.relay.notify,
        )


SubscriberRegistration = Callable[[Consumers, Callable[[], UnitOfWork[Any]], Any], None]
"""Registers a service's subscribers: `(consumers, unit_of_work factory, settings)`."""


class ServiceOptions(TypedDict, total=False):
    """What a test or script may change about a service it builds (`create_app(**options)`).

    `run_relay=False` leaves committed events in the outbox (tests use it to stand for a
    service that stopped between its commit and its publish). The fast tests pass their own
    `unit_of_work` factory (a fake) and `token_verifier`.
    """

    span_exporter: SpanExporter | None
    run_relay: bool
    clock: Callable[[], datetime]
    unit_of_work: Callable[[], UnitOfWork[Any]] | None
    token_verifier: Verifier | None


def create_service_app(
    *,
    name: str,
    settings: CommonSettings,
    database_url: str,
    metadata: MetaData,
    routers: Iterable[APIRouter],
    repositories: Callable[[Session], Any],
    register_subscribers: SubscriberRegistration | None = None,
    state: dict[str, Any] | None = None,
    calendar: CalendarFeed | None = None,
    **options: Unpack[ServiceOptions],
) -> FastAPI:
    """Build one service; `state` adds what routes read from `app.state` (e.g. rule books).

    With a `calendar`, the service serves once it has read the loaded years, keeps following
    them, and its routes find the feed at `app.state.calendar`.
    """
    tracer_provider = setup_telemetry(name, settings, options.get("span_exporter"))
    engine = create_db_engine(database_url)
    broker = create_broker(settings.kafka_bootstrap, tracer_provider, client_id=name)
    runtime = Runtime(
        name=name,
        engine=engine,
        broker=broker,
        repositories=repositories,
        clock=options.get("clock", utc_now),
        relay=OutboxRelay(engine, broker, topic_prefix=settings.topic_prefix),
    )
    unit_of_work = options.get("unit_of_work") or runtime.unit_of_work
    consumers = Consumers(broker, settings.kafka_bootstrap, settings.topic_prefix)
    if register_subscribers is not None:
        register_subscribers(consumers, unit_of_work, settings)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        prepare_schema(engine, name, metadata, migrate=settings.migrate_at_start)
        async with _following(calendar, settings), consumer_health.watching():
            await broker.start()
            relay_task = (
                asyncio.create_task(runtime.relay.run()) if options.get("run_relay", True) else None
            )
            try:
                async with dependencies.running():
                    yield
            finally:
                if relay_task is not None:
                    relay_task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await within_bound(relay_task, "stopping the outbox relay")
                await consumers.stop()
                engine.dispose()

    app = FastAPI(title=f"{name} service", lifespan=lifespan)
    app.state.runtime = runtime
    app.state.unit_of_work = unit_of_work
    app.state.token_verifier = options.get("token_verifier") or TokenVerifier.from_settings(
        settings
    )
    app.state.calendar = calendar
    for key, value in (state or {}).items():
        setattr(app.state, key, value)
    install_error_handlers(app)
    for router in routers:
        app.include_router(router)
    consumer_health = ConsumerHealth(consumers, mount_dead_letters(app, consumers))
    dependencies = BackgroundChecks(
        {
            "database": Check(lambda: asyncio.to_thread(_database_answers, engine)),
            "kafka": Check(consumers.looks.reachable),
        }
    )
    app.add_api_route(
        "/health",
        _health(runtime.name, dependencies, consumer_health),
        methods=["GET"],
        summary="Database and Kafka up? Each consumer group's lag and parked letters",
    )
    FastAPIInstrumentor.instrument_app(app, tracer_provider=tracer_provider, excluded_urls="health")
    return app


def _following(
    calendar: CalendarFeed | None, settings: CommonSettings
) -> contextlib.AbstractAsyncContextManager[None]:
    """The calendar read to its end and followed, for a service that computes with it."""
    if calendar is None:
        return contextlib.nullcontext()
    return calendar.following(settings.kafka_bootstrap, settings.topic_prefix)


def _health(name: str, dependencies: BackgroundChecks[bool], consumers: ConsumerHealth) -> Callable:
    async def health(response: Response) -> dict[str, Any]:
        return health_report(name, dependencies, consumers, response)

    return health


def health_report(
    service: str,
    dependencies: BackgroundChecks[bool],
    consumers: ConsumerHealth,
    response: Response,
    notes: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A service is up when every dependency it checks answered up at its last check (checked
    in the background: this never waits); otherwise it answers 503. `checked_seconds_ago` says
    how old each check is.

    `notes` (the working calendar's reach) are shown as they are and never make it down.
    The consumer groups (each group's lag, parked letters, skipped types) make it `degraded`,
    still 200, when a group is stuck: messages waiting and nothing committed for a window.
    """
    readings = dependencies.readings()
    checks = {name: "up" if reading.value else "down" for name, reading in readings.items()}
    groups, looked = consumers.report()
    ages = {name: reading.age for name, reading in readings.items()}
    status = "up" if all(value == "up" for value in checks.values()) else "down"
    if status == "down":
        response.status_code = 503
    elif any(group.get("status") == "degraded" for group in groups.values()):
        status = "degraded"
    shown = {"consumers": groups} if groups else {}
    return {
        "service": service,
        "status": status,
        **checks,
        **(notes or {}),
        **shown,
        "checked_seconds_ago": ages | ({"consumers": looked} if groups else {}),
    }


def _database_answers(engine: Engine) -> bool:
    with engine.connect() as connection:
        connection.execute(text("select 1"))
    return True
