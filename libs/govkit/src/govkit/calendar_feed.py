"""The working calendar as it stands now: the shipped years, then each year loaded on Kafka.

The calendar topic is compacted and keyed by year, so it holds the newest load of every year
for ever. A service that computes with the calendar reads the topic from its beginning when it
starts, without a consumer group, and serves only once it has read to the end; then it keeps
following, so a year an administrator loads reaches it within a moment (ADR 0010).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaTimeoutError, UnknownTopicOrPartitionError

from contracts.envelope import Envelope
from contracts.events import WorkingCalendarYearLoaded
from contracts.topics import WORKFLOWS_CALENDAR
from govkit.calendar import HolidayYear, WorkingCalendar, load_calendar, shipped_years
from govkit.event_table import EventTable
from govkit.stopping import within_bound

log = logging.getLogger(__name__)

CATCH_UP_SECONDS = 30.0


@dataclass(frozen=True)
class KnownYear:
    """A year the calendar knows, and the load that told it (None: shipped with the platform)."""

    days: HolidayYear
    loaded: WorkingCalendarYearLoaded | None = None


def holiday_year(loaded: WorkingCalendarYearLoaded) -> HolidayYear:
    return HolidayYear(
        loaded.year,
        {day.date: day.name for day in loaded.holidays},
        {day.date: day.name for day in loaded.makeup_workdays},
    )


class CalendarFeed:
    """The current calendar of one process; a year loaded later replaces what shipped."""

    def __init__(self) -> None:
        self._shipped = load_calendar()
        self._years = {notice.year: KnownYear(notice) for notice in shipped_years()}
        self._current = self._shipped
        self._table = EventTable[Callable[[Any], None]](
            "working calendar", {WorkingCalendarYearLoaded: self.apply}
        )
        self.caught_up = asyncio.Event()

    @property
    def current(self) -> WorkingCalendar:
        """The calendar a computation started now uses (an immutable value: keep it)."""
        return self._current

    def known_years(self) -> list[KnownYear]:
        return [self._years[year] for year in sorted(self._years)]

    def known(self, year: int) -> KnownYear | None:
        return self._years.get(year)

    def apply(self, loaded: WorkingCalendarYearLoaded) -> None:
        """A year was loaded: it replaces whatever was known of that year."""
        self._years[loaded.year] = KnownYear(holiday_year(loaded), loaded)
        notices = (known.days for known in self._years.values() if known.loaded is not None)
        self._current = functools.reduce(WorkingCalendar.with_year, notices, self._shipped)

    def receive(self, raw: bytes) -> None:
        """One message of the topic; a type this feed has no use for is logged and skipped."""
        found = self._table.lookup(Envelope.model_validate_json(raw))
        if found is not None:
            message, apply = found
            apply(message)

    @contextlib.asynccontextmanager
    async def following(self, bootstrap: str, topic_prefix: str) -> AsyncIterator[None]:
        """Read the topic to its end before the block runs, and keep following while it runs."""
        follower = asyncio.create_task(
            self._follow(bootstrap, topic_prefix + WORKFLOWS_CALENDAR.name)
        )
        try:
            waiter = asyncio.create_task(self.caught_up.wait())
            done, _ = await asyncio.wait(
                {follower, waiter}, timeout=CATCH_UP_SECONDS, return_when=asyncio.FIRST_COMPLETED
            )
            waiter.cancel()
            if follower in done:
                follower.result()  # it failed: say why
            if waiter not in done:
                raise TimeoutError(f"working calendar: topic not read within {CATCH_UP_SECONDS}s")
            yield
        finally:
            follower.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await within_bound(follower, "stopping the working calendar's reader")

    async def _follow(self, bootstrap: str, topic: str) -> None:
        # No consumer group and the declared partitions assigned by hand: every start reads the
        # whole (compacted) topic from its beginning, without waiting on a group's assignment.
        consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap,
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        await consumer.start()
        partitions = [TopicPartition(topic, p) for p in range(WORKFLOWS_CALENDAR.partitions)]
        consumer.assign(partitions)
        try:
            try:
                ends = await consumer.end_offsets(partitions)
            except (UnknownTopicOrPartitionError, KafkaTimeoutError) as exc:
                raise RuntimeError(
                    f"Kafka has no topic {topic}: create the declared topics "
                    "(deploy/local/stack.sh topics)"
                ) from exc
            while True:
                if not self.caught_up.is_set() and all(
                    [await consumer.position(tp) >= end for tp, end in ends.items()]
                ):
                    log.info(
                        "working calendar read to the end of %s: %s", topic, self._current.years
                    )
                    self.caught_up.set()
                batches = await consumer.getmany(timeout_ms=1000)
                for record in (r for records in batches.values() for r in records):
                    try:
                        self.receive(record.value or b"")
                    except ValueError:  # one unreadable message must not stop the calendar
                        log.exception(
                            "working calendar skips message %s of %s", record.offset, topic
                        )
        finally:
            await consumer.stop()
