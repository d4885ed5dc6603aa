"""Where the CPU goes: each process of the local stack, its children and threads included,
by the CPU time it spent over a step (user + system, from /proc), per report of that step."""

from __future__ import annotations

import os
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
HARNESS = "harness"


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            continue
    return kids


def _tree_seconds(pid: int) -> float:
    """CPU seconds of `pid` and everything it started (0 once they are gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    return own + sum(_tree_seconds(kid) for kid in _children(pid))


def sample(pids: Path | None) -> dict[str, float]:
    """CPU seconds so far of each process whose pid file is in `pids`, and of this harness."""
    seconds = {HARNESS: time.process_time()}
    for pid_file in sorted(pids.glob("*.pid")) if pids else []:
        try:
            seconds[pid_file.stem] = _tree_seconds(int(pid_file.read_text().strip()))
        except (OSError, ValueError):
            continue
    return seconds


def per_report(before: dict[str, float], after: dict[str, float], reports: int) -> dict[str, float]:
    """Milliseconds of CPU per report by process, the largest first."""
    spent = {name: after[name] - before.get(name, 0.0) for name in after}
    return dict(
        sorted(
            ((name, 1000 * s / max(reports, 1)) for name, s in spent.items()),
            key=lambda item: -item[1],
        )
    )
