"""Percentiles, ratios to the floors, the knee, and the markdown that records them."""

from __future__ import annotations

import math
import os
import platform
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.load.floors import Floors
from benchmarks.load.ledger import Case

KNEE_P99_SECONDS = 0.5
DOCS = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"
SECTION = "## The whistle under load"


@dataclass(frozen=True)
class Measure:
    name: str
    samples: list[float]
    missing: int
    floor: float

    def percentile(self, p: float) -> float:
        """Nearest rank; NaN without samples."""
        ordered = sorted(self.samples)
        if not ordered:
            return math.nan
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Step:
    rate: float
    achieved: float
    refused: int
    escalated_anyway: int
    floors: Floors
    measures: tuple[Measure, ...]
    cpu_ms: dict[str, float]
    """CPU per report by process, over the arrivals and the settling."""

    @property
    def under_knee(self) -> bool:
        return not self.refused and all(
            not m.missing and m.percentile(99) < KNEE_P99_SECONDS for m in self.measures
        )


def measures(cases: list[Case], expected_tasks: int, floors: Floors) -> tuple[Measure, ...]:
    """Each measure's floor is the sum of the hops it crosses at the least."""
    kafka, commit = floors.kafka_hop, floors.outbox_commit
    dispatch, dispatch_missing = [], 0
    acknowledge, acknowledge_missing = [], 0
    lateness, lateness_missing = [], 0
    for case in cases:
        if len(case.tasks) == expected_tasks:
            dispatch.append(max(t.dispatched_at for t in case.tasks.values()) - case.sent_at)
        else:
            dispatch_missing += 1
        for task in case.tasks.values():
            if task.never and task.escalated_at is not None:
                lateness.append(task.escalated_at - task.acknowledge_by)
            elif task.never:
                lateness_missing += 1
            elif task.acknowledged_at is not None and task.ack_sent_at is not None:
                acknowledge.append(task.acknowledged_at - task.ack_sent_at)
            else:
                acknowledge_missing += 1
    return (
        # gateway → patrol commit → patrol.incidents → workflow start → enforcement.commands
        # → enforcement commit → enforcement.cases
        Measure(
            "report → all tasks dispatched",
            dispatch,
            dispatch_missing,
            floors.gateway_constant + 2 * commit + 3 * kafka + floors.temporal_round_trip,
        ),
        # gateway → enforcement commit → enforcement.cases
        Measure(
            "报到 → case updated",
            acknowledge,
            acknowledge_missing,
            floors.gateway_constant + commit + kafka,
        ),
        # timer → activity → enforcement.commands → enforcement commit → enforcement.cases
        Measure(
            "escalation timer lateness",
            lateness,
            lateness_missing,
            floors.temporal_round_trip + commit + 2 * kafka,
        ),
    )


def escalated_anyway(cases: list[Case]) -> int:
    """Tasks escalated although their department acknowledged them: the platform's own delay
    ate the department's 报到 time."""
    return sum(
        not task.never and task.escalated_at is not None
        for case in cases
        for task in case.tasks.values()
    )


def knee(steps: list[Step]) -> Step | None:
    """The step of the highest rate whose every p99 stays under 500 ms, nothing lost."""
    return max((step for step in steps if step.under_knee), key=lambda s: s.rate, default=None)


def knee_line(steps: list[Step], naive_floor: float) -> str:
    naive = (
        f"The naive Temporal floor of this run: {naive_floor:.1f} naive whistles/s (4 activities, "
        "4 signals and a timer each, on bare Temporal and one worker)."
    )
    found = knee(steps)
    if found is None:
        return f"Knee (highest rate whose every p99 stays under 500 ms): none of the rates measured. {naive}"
    return (
        f"Knee (highest rate whose every p99 stays under 500 ms): {found.rate:g} reports/s, "
        f"achieved {found.achieved:.2f}/s = {found.achieved / naive_floor:.2f}× the naive floor. "
        + naive
    )


def _ms(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1000:,.0f}"


def _ratio(seconds: float, floor: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds / floor:.1f}×"


def table(steps: list[Step], naive_floor: float) -> str:
    lines = [
        "| rate /s | achieved /s | measure | n | missing | p50 ms | p95 ms | p99 ms | max ms "
        "| floor ms | p50 ÷ floor | p99 ÷ floor |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for step in steps:
        for m in step.measures:
            p50, p99 = m.percentile(50), m.percentile(99)
            lines.append(
                f"| {step.rate:g} | {step.achieved:.2f} | {m.name} | {len(m.samples)} "
                f"| {m.missing} | {_ms(p50)} | {_ms(m.percentile(95))} | {_ms(p99)} "
                f"| {_ms(m.percentile(100))} | {_ms(m.floor)} | {_ratio(p50, m.floor)} "
                f"| {_ratio(p99, m.floor)} |"
            )
    lines.append("")
    lines.append(
        "| rate /s | reports refused | acknowledged, escalated anyway | Kafka hop ms "
        "| Temporal start + signal ms | gateway constant ms | outbox commit ms |"
    )
    lines.append("| --- | --- | --- | --- | --- | --- | --- |")
    for step in steps:
        f = step.floors
        lines.append(
            f"| {step.rate:g} | {step.refused} | {step.escalated_anyway} | {_ms(f.kafka_hop)} "
            f"| {_ms(f.temporal_round_trip)} | {_ms(f.gateway_constant)} "
            f"| {_ms(f.outbox_commit)} |"
        )
    lines.append("")
    lines += cpu_table(steps)
    lines.append(knee_line(steps, naive_floor))
    return "\n".join(lines)


def cpu_table(steps: list[Step]) -> list[str]:
    """CPU ms per report by process: the stack's (from its pid files) and the harness's."""
    names = sorted({n for s in steps for n in s.cpu_ms}, key=lambda n: -steps[0].cpu_ms.get(n, 0))
    if names == ["harness"]:
        return []
    lines = [
        "| rate /s | CPU ms per report | " + " | ".join(names) + " |",
        "| --- | --- | " + " | ".join("---" for _ in names) + " |",
    ]
    for step in steps:
        cells = " | ".join(f"{step.cpu_ms.get(n, 0):.1f}" for n in names)
        lines.append(f"| {step.rate:g} | {sum(step.cpu_ms.values()):.0f} | {cells} |")
    return [*lines, ""]


def _git(*command: str) -> str:
    return subprocess.run(["git", *command], capture_output=True, text=True, check=False).stdout


def machine() -> str:
    commit = _git("rev-parse", "--short", "HEAD").strip() or "unknown"
    if _git("diff-index", "--name-only", "HEAD"):  # reads, never refreshes, the index
        commit += " with uncommitted changes"
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, {os.cpu_count()} cores "
        f"(load average {load} at the end), commit {commit}"
    )


def record(command: str, text: str) -> None:
    """Add the run to docs/benchmarks.md, at the end of the harness's own section."""
    page = DOCS.read_text(encoding="utf-8")
    start = page.find(SECTION)
    end = page.find("\n## ", start) if start >= 0 else -1
    at = len(page) if end < 0 else end
    entry = f"\n### Load run, {machine()}\n\n`{command}`\n\n{text}\n"
    DOCS.write_text(page[:at].rstrip("\n") + "\n" + entry + page[at:], encoding="utf-8")
