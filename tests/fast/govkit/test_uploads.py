"""Uploaded tables are read within their limits, in a process of their own."""

from __future__ import annotations

import asyncio
import time

import pytest

from govkit.spreadsheets import UnreadableFile, UploadLimits, parse_rows, read_rows
from govkit.worker import WorkLimits, WorkTooHeavy, run_isolated
from tests.support.hostile_files import cell_bomb, dimension_bomb, long_csv

pytestmark = pytest.mark.unit
COLUMNS = ("name", "note")


def test_a_dimension_that_claims_a_million_rows_reads_only_the_rows_there_are():
    started = time.perf_counter()
    assert parse_rows("bomb.xlsx", dimension_bomb(), COLUMNS) == []
    print(f"dimension bomb read in {time.perf_counter() - started:.3f} s")


def test_a_cell_that_unpacks_to_100_mb_is_refused_before_it_is_unpacked():
    bomb = cell_bomb(100)
    assert len(bomb) < 200_000
    with pytest.raises(UnreadableFile, match=r"unpacks to \d+ bytes; accepted: at most 52428800"):
        parse_rows("bomb.xlsx", bomb, COLUMNS)


def test_rows_past_the_limit_refuse_the_file_naming_the_limit():
    assert len(parse_rows("ok.csv", long_csv(10_000), COLUMNS)) == 10_000
    with pytest.raises(UnreadableFile, match="more than 10000 data rows"):
        parse_rows("long.csv", long_csv(200_000), COLUMNS)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (
            "name,note\n" + "x" * 2_001 + ",\n",
            "row 2, column 1: 2001 characters; accepted: at most 2000",
        ),
        ("name" + ",name" * 64 + "\n" + "a," * 65 + "\n", "row 2 has more than 64 columns"),
        ("name,note\na\x00b,c\n", "row 2, column 1 holds a control character"),
        ("name,note\n" + "y" * 200_000 + "\n", "not a readable CSV file"),
    ],
)
def test_cells_too_long_rows_too_wide_and_broken_csv_are_refused(content, says):
    with pytest.raises(UnreadableFile, match=says):
        parse_rows("bad.csv", content.encode(), COLUMNS)


def test_a_bare_carriage_return_ends_a_line():
    rows = parse_rows("mac.csv", b"name,note\r\xe6\x9c\xba\xe6\x9e\x84,x\rsecond,y\r", COLUMNS)
    assert rows == [(2, {"name": "机构", "note": "x"}), (3, {"name": "second", "note": "y"})]


def test_a_quoted_formula_in_a_csv_is_read_as_the_text_it_was():
    rows = parse_rows("export.csv", b"name,note\n'=1+1,'-3\n'plain,x\n", COLUMNS)
    assert rows == [(2, {"name": "=1+1", "note": "-3"}), (3, {"name": "'plain", "note": "x"})]


def test_an_upload_past_its_size_is_refused_by_its_size():
    small = UploadLimits(upload_bytes=10)
    with pytest.raises(UnreadableFile, match="accepted: at most 10"):
        parse_rows("big.csv", b"name\n" + b"a\n" * 10, COLUMNS, small)


def test_reading_in_a_process_of_its_own_gives_the_rows_or_the_refusal():
    assert read_rows("ok.csv", b"name\nx\n", COLUMNS) == [(2, {"name": "x"})]
    with pytest.raises(UnreadableFile, match="unknown columns"):
        read_rows("bad.csv", b"nom\nx\n", COLUMNS)


def test_work_past_its_time_is_stopped_and_said_so():
    started = time.perf_counter()
    with pytest.raises(WorkTooHeavy, match=r"stopped after 0.5 s"):
        run_isolated(WorkLimits(seconds=0.5, memory_bytes=1024**3), time.sleep, 30)
    assert time.perf_counter() - started < 10


def test_work_past_its_memory_is_stopped_and_said_so():
    with pytest.raises(WorkTooHeavy, match="needed more than 512 MB"):
        run_isolated(WorkLimits(seconds=30, memory_bytes=512 * 1024**2), bytearray, 1024**3)


@pytest.mark.parametrize(
    ("name", "filename", "build", "says"),
    [
        ("dimension bomb", "bomb.xlsx", dimension_bomb, "0 rows"),
        ("200,000-row CSV", "long.csv", lambda: long_csv(200_000), "at most 10000 per file"),
        ("100 MB cell", "bomb.xlsx", cell_bomb, "accepted: at most 52428800"),
    ],
)
async def test_an_upload_read_from_a_worker_thread_leaves_the_event_loop_free(
    name, filename, build, says
):
    content = build()

    def read() -> str:
        try:
            return f"{len(read_rows(filename, content, COLUMNS))} rows"
        except UnreadableFile as refusal:
            return str(refusal)

    reading = asyncio.create_task(asyncio.to_thread(read))
    worst = 0.0
    while not reading.done():
        started = time.perf_counter()
        await asyncio.sleep(0.01)
        worst = max(worst, time.perf_counter() - started - 0.01)
    outcome = await reading
    print(f"{name}: {outcome[:60]}; event loop late by at most {worst * 1000:.0f} ms")
    assert says in outcome
