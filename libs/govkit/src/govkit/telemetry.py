"""OpenTelemetry set-up: one tracer provider per process, W3C trace context everywhere."""

from __future__ import annotations

from pathlib import Path

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SimpleSpanProcessor,
    SpanExporter,
)
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from govkit.settings import CommonSettings

_propagator = TraceContextTextMapPropagator()


def setup_telemetry(
    service_name: str, settings: CommonSettings, exporter: SpanExporter | None = None
) -> TracerProvider:
    """Install the process-wide tracer provider (once) and return it.

    Tests pass an in-memory exporter; otherwise the settings choose file, OTLP or none.
    """
    existing = trace.get_tracer_provider()
    if isinstance(existing, TracerProvider):
        if exporter is not None:
            existing.add_span_processor(SimpleSpanProcessor(exporter))
        return existing
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    if exporter is not None:
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    elif settings.otel_exporter == "file":
        provider.add_span_processor(BatchSpanProcessor(_file_exporter(service_name, settings)))
    elif settings.otel_exporter == "otlp":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    return provider


def _file_exporter(service_name: str, settings: CommonSettings) -> SpanExporter:
    folder = Path(settings.otel_file_dir)
    folder.mkdir(parents=True, exist_ok=True)
    out = (folder / f"{service_name}.jsonl").open("a", encoding="utf-8")
    return ConsoleSpanExporter(out=out, formatter=lambda span: span.to_json(indent=None) + "\n")


def current_traceparent() -> str | None:
    """The W3C `traceparent` of the active span, to store with an outbox event."""
    carrier: dict[str, str] = {}
    _propagator.inject(carrier)
    return carrier.get("traceparent")
