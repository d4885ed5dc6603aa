"""Open-loop reports against a running stack; prints latency against floors and the knee.

    .venv/bin/python -m benchmarks.load --rates 2,5,10 --seconds 60 --never-share 0.2 \\
        --ack-delay 2 [--gateway http://127.0.0.1:8000] [--topic-prefix P] [--record]

For each rate, grid_dongtang reports an unlicensed school at that rate for that long, whether
or not the platform keeps up; each dispatched task is acknowledged (报到) by its department's
officer --ack-delay seconds after its dispatch was seen, except a --never-share left alone
until the whistle escalates it. The stack must run with short 报到 clocks (a run waits each
deadline out): docs/benchmarks.md says how. Before each rate the floors are measured again.
Everything must be on loopback. --record appends the table to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import shlex
import sys
import time
from pathlib import Path

import httpx

from benchmarks.load import cpu, floors, naive_whistle
from benchmarks.load.agency import OFFICERS, Agency
from benchmarks.load.arrivals import check_bounds, open_loop, require_loopback
from benchmarks.load.ledger import Ledger
from benchmarks.load.observer import observing
from benchmarks.load.report import Step, escalated_anyway, measures, record, table
from benchmarks.load.tokens import Tokens
from contracts.vocabulary import IncidentType
from workflows.policy import load_routing_table, route

NAIVE_FLOOR_SECONDS = 30
PIDS = Path(__file__).resolve().parents[2] / ".cache" / "run" / "pids"
REPORTER = "grid_dongtang"
FLOOR_CALLER = "inspector_yuhua"
REPORT = {
    "incident_type": IncidentType.UNLICENSED_SCHOOL,
    "description": "居民楼内无证开展初中数学学科类培训，周末上课约30名学生",
    "location": {"latitude": 28.1135, "longitude": 113.0136},
    "institution_name": "启航学堂",
    "institution_address": "长沙市雨花区东塘街道韶山北路某小区3栋201",
}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gateway", default="http://127.0.0.1:8000")
    parser.add_argument("--issuer", default="http://127.0.0.1:8080/realms/governance")
    parser.add_argument("--password", default="demo", help="the demo users' (local realm)")
    parser.add_argument("--kafka", default="127.0.0.1:9092")
    parser.add_argument("--temporal", default="127.0.0.1:7233")
    parser.add_argument("--topic-prefix", default="", help="the target stack's GOV_TOPIC_PREFIX")
    parser.add_argument(
        "--rates",
        default="2,5,10",
        help="reports per second, comma-separated; RATE:SECONDS gives that rate its own length",
    )
    parser.add_argument("--seconds", type=float, default=60, help="how long each rate runs")
    parser.add_argument("--never-share", type=float, default=0.2)
    parser.add_argument("--ack-delay", type=float, default=2.0)
    parser.add_argument("--settle", type=float, default=30, help="wait past the last deadline")
    parser.add_argument("--floor-samples", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--pids",
        type=Path,
        default=PIDS if PIDS.is_dir() else None,
        help="the stack's pid files, for CPU per report by process (default .cache/run/pids)",
    )
    parser.add_argument("--record", action="store_true", help="append to docs/benchmarks.md")
    args = parser.parse_args()
    args.rates = [_rate_and_length(step, args.seconds) for step in args.rates.split(",")]
    for address in (args.gateway, args.issuer, args.kafka, args.temporal):
        require_loopback(address)
    for rate, seconds in args.rates:
        check_bounds(rate, seconds)
    return args


def _rate_and_length(step: str, seconds: float) -> tuple[float, float]:
    rate, _, length = step.partition(":")
    return float(rate), float(length) if length else seconds


async def run(args: argparse.Namespace) -> tuple[list[Step], float]:
    departments, _ = route(load_routing_table(), IncidentType.UNLICENSED_SCHOOL)
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=50)
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
        tokens = Tokens(http, args.issuer, args.password)
        for user in (REPORTER, FLOOR_CALLER, *(OFFICERS[d] for d in departments)):
            await tokens.bearer(user)
        agency = Agency(http, args.gateway, tokens, args.never_share, args.ack_delay, args.seed)
        ledger = Ledger(len(departments), agency.on_task)
        steps = []
        print("the naive Temporal floor …", file=sys.stderr)
        naive_floor = await naive_whistle.throughput(args.temporal, NAIVE_FLOOR_SECONDS)
        async with observing(ledger, args.kafka, args.topic_prefix):
            for rate, seconds in args.rates:
                measured = await floors.measure(
                    args.kafka,
                    args.temporal,
                    http,
                    args.gateway,
                    await tokens.bearer(FLOOR_CALLER),
                    args.floor_samples,
                )

                print(f"rate {rate:g}/s for {seconds:g} s …", file=sys.stderr)
                send = functools.partial(report, http, args.gateway, tokens, ledger, rate)
                cpu_before = cpu.sample(args.pids)
                spread = await open_loop(rate, seconds, send)
                await settle(ledger, rate, args.settle)
                cases = ledger.of_rate(rate)
                cpu_ms = cpu.per_report(cpu_before, cpu.sample(args.pids), len(cases))
                steps.append(
                    Step(
                        rate,
                        len(cases) / spread,
                        ledger.refused_reports.get(rate, 0),
                        escalated_anyway(cases),
                        measured,
                        measures(cases, len(departments), measured),
                        cpu_ms,
                    )
                )
        return steps, naive_floor


async def report(
    http: httpx.AsyncClient, gateway: str, tokens: Tokens, ledger: Ledger, rate: float
) -> None:
    """One report by grid_dongtang, entered in the ledger when patrol has taken it; one refused
    or dropped on the way (its connection closed, a timeout) is counted as refused."""
    headers = await tokens.bearer(REPORTER)
    sent_at = time.time()
    try:
        answer = await http.post(f"{gateway}/api/patrol/incidents", json=REPORT, headers=headers)
    except httpx.HTTPError:
        ledger.refused(rate)
        return
    if answer.status_code == 201:
        ledger.reported(answer.json()["incident_id"], rate, sent_at)
    else:
        ledger.refused(rate)


async def settle(ledger: Ledger, rate: float, past_deadline: float) -> None:
    """Until every case of the rate has all it should, or `past_deadline` seconds past the
    last 报到 deadline seen (and at least that long after the last report)."""
    last_report = time.time()
    while not ledger.settled(rate):
        deadlines = [t.acknowledge_by for c in ledger.of_rate(rate) for t in c.tasks.values()]
        if time.time() > max([last_report, *deadlines]) + past_deadline:
            return
        await asyncio.sleep(0.5)


def main() -> None:
    args = arguments()
    text = table(*asyncio.run(run(args)))
    print(text)
    if args.record:
        record(shlex.join([".venv/bin/python", "-m", "benchmarks.load", *sys.argv[1:]]), text)


if __name__ == "__main__":
    main()
