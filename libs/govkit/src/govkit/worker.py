"""Running untrusted parsing in a fresh process: bounded in time and memory, its memory returned.

A crafted upload can make a parser spin in C code that never lets the event loop run, or
grow the heap of a long-lived service for good. A child process of its own, killed when it
runs too long or fails to allocate within its limit, keeps both away from the service.
"""

from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from govkit.errors import Invalid

T = TypeVar("T")
# spawn, not fork: the service's threads (Kafka, telemetry, the event loop) are not copied.
_CONTEXT = multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class WorkLimits:
    seconds: float
    memory_bytes: int


class WorkTooHeavy(Invalid):
    """The work did not finish within its time or memory limit and was stopped."""


def run_isolated(limits: WorkLimits, work: Callable[..., T], *args: Any) -> T:
    """`work(*args)` in a fresh process: its result, or what it raised, raised here.

    Blocks the calling thread (call it from a worker thread, never the event loop). `work`
    and its arguments must be picklable: a module-level function and plain data.
    """
    receiving, sending = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(
        target=_child, args=(sending, limits.memory_bytes, work, args), daemon=True
    )
    child.start()
    sending.close()
    try:
        if not receiving.poll(limits.seconds):
            raise WorkTooHeavy(
                f"处理超时，已停止 (stopped after {limits.seconds:g} s; accepted: work that "
                f"finishes within {limits.seconds:g} s; send a smaller file)"
            )
        try:
            failed, outcome = receiving.recv()
        except EOFError as exc:  # the child died without a word (the allocator gave up)
            child.join()
            raise WorkTooHeavy(
                f"处理中止 (the work stopped without an answer, exit code {child.exitcode}: "
                f"{_memory_message(limits)})"
            ) from exc
    finally:
        child.kill()
        child.join()
        receiving.close()
    if failed:
        raise outcome
    return outcome


def _memory_message(limits: WorkLimits) -> str:
    mb = limits.memory_bytes // (1024 * 1024)
    return f"处理所需内存过大，已停止 (stopped: needed more than {mb} MB; send a smaller file)"


def _child(
    sending: Connection, memory_bytes: int, work: Callable[..., object], args: tuple[Any, ...]
) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        sending.send((False, work(*args)))
    except MemoryError:
        sending.send((True, WorkTooHeavy(_memory_message(WorkLimits(0, memory_bytes)))))
    except Exception as exc:  # handed to the parent, which raises it as its own
        sending.send((True, exc))
    finally:
        sending.close()
