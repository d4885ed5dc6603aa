"""Retry and park: what a consumer cannot handle is tried a bounded number of times, then put
on `<topic>.dlq` as it was, with why; the consumer goes on to the next record."""

from __future__ import annotations

import pytest

from contracts.envelope import Envelope
from contracts.events import IncidentReported
from govkit import dead_letters
from govkit.dead_letter_log import Letter
from govkit.dead_letters import Headers, Record, Retry, consume
from tests.fast.support import T0

pytestmark = pytest.mark.unit

NO_PAUSE = Retry(attempts=3, first_pause=0)
ORIGINAL_HEADERS = (("content-type", b"application/json"), ("traceparent", b"00-abc-def-01"))


class RecordingSink:
    """Kafka as far as parking goes: the records it was given, in order."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, bytes | None, bytes, Headers]] = []

    async def send(self, topic: str, key: bytes | None, value: bytes, headers: Headers) -> None:
        self.sent.append((topic, key, value, headers))


def record(value: bytes) -> Record:
    return Record(
        topic="patrol.incidents",
        partition=2,
        offset=41,
        key=b"incident-1",
        value=value,
        headers=ORIGINAL_HEADERS,
    )


EVENT = Envelope(
    id="evt-1", source="/tests", type="gov.patrol.IncidentReported.v1", time=T0, data={}
).to_bytes()


class Flaky:
    """A handler that fails its first `failures` calls."""

    def __init__(self, failures: int) -> None:
        self.failures, self.calls = failures, 0

    async def __call__(self, envelope: Envelope) -> None:
        self.calls += 1
        if self.calls <= self.failures:
            raise ConnectionError(f"Temporal unreachable (call {self.calls})")


async def test_a_record_that_is_not_json_is_parked_at_once_as_it_was():
    sink, handler = RecordingSink(), Flaky(0)
    handled = await consume(
        record(b"\xffnot json{"), handler, consumer="workflows-bridge", sink=sink
    )
    assert not handled and handler.calls == 0  # bytes do not change: no retry
    [(topic, key, value, headers)] = sink.sent
    assert (topic, key, value) == (
        "patrol.incidents.dlq",
        b"patrol.incidents:2:41:workflows-bridge",
        b"\xffnot json{",
    )
    assert headers[:2] == ORIGINAL_HEADERS
    added = dict(headers[2:])
    assert added["dead-letter-consumer"] == b"workflows-bridge"
    assert (added["dead-letter-topic"], added["dead-letter-partition"]) == (
        b"patrol.incidents",
        b"2",
    )
    assert (added["dead-letter-offset"], added["dead-letter-attempts"]) == (b"41", b"1")
    assert added["dead-letter-key"] == b"incident-1"
    assert added["dead-letter-error"].startswith(b"Unreadable: not an event envelope")


async def test_a_failure_that_passes_is_retried_and_nothing_is_parked():
    sink, handler = RecordingSink(), Flaky(2)
    assert await consume(record(EVENT), handler, consumer="c", sink=sink, retry=NO_PAUSE)
    assert handler.calls == 3 and sink.sent == []


async def test_a_failure_that_lasts_is_parked_after_the_last_try_with_its_error():
    sink, handler = RecordingSink(), Flaky(99)
    handled = await consume(record(EVENT), handler, consumer="c", sink=sink, retry=NO_PAUSE)
    assert not handled and handler.calls == 3
    [(_, _, value, headers)] = sink.sent
    assert value == EVENT
    added = dict(headers)
    assert added["dead-letter-attempts"] == b"3"
    assert added["dead-letter-error"] == b"ConnectionError: Temporal unreachable (call 3)"


async def test_when_parking_fails_the_consumer_stops_rather_than_lose_the_record():
    class DownSink:
        async def send(self, *_args: object) -> None:
            raise ConnectionError("Kafka down")

    with pytest.raises(ConnectionError, match="Kafka down"):
        await consume(record(b"{"), Flaky(0), consumer="c", sink=DownSink())


def test_the_pause_grows_between_tries():
    retry = Retry()
    assert [retry.pause_after(n) for n in range(1, retry.attempts)] == [0.25, 1, 4]


async def test_a_parked_record_reads_back_as_its_letter_and_its_original():
    sink = RecordingSink()
    await consume(record(b"nope"), Flaky(0), consumer="risk-reports", sink=sink)
    [(_, key, value, headers)] = sink.sent
    letter = Letter.of(key.decode(), value, headers)
    assert (letter.id, letter.consumer, letter.topic) == (
        "patrol.incidents:2:41:risk-reports",
        "risk-reports",
        "patrol.incidents",
    )
    assert (letter.partition, letter.offset, letter.attempts) == (2, 41, 1)
    assert (letter.key, letter.value, letter.headers) == (b"incident-1", b"nope", ORIGINAL_HEADERS)
    assert letter.parked_with == headers and letter.replayed_at is None
    marked = Letter.of(
        letter.id, value, headers + ((dead_letters.REPLAYED_AT, b"2026-11-24T00:00:00+00:00"),)
    )
    assert marked.replayed_at == "2026-11-24T00:00:00+00:00"
    assert marked.headers == ORIGINAL_HEADERS


async def test_an_event_that_does_not_fit_its_contract_is_parked_without_retries():
    async def strict(envelope: Envelope) -> None:
        IncidentReported.model_validate(envelope.data)

    sink = RecordingSink()
    assert not await consume(record(EVENT), strict, consumer="c", sink=sink)
    [(_, _, _, headers)] = sink.sent
    assert dict(headers)["dead-letter-attempts"] == b"1"
    assert dict(headers)["dead-letter-error"].startswith(b"ValidationError")
