"""Issue 14's hostile uploads against the institutions service alone, in its own process.

    .venv/bin/python -m benchmarks.hostile_uploads [--rounds 1]

Starts `python -m institutions` (SQLite in a temporary folder, a fresh topic prefix on the local
Kafka, tokens from the local Keycloak) and uploads each file as district_yuhua while asking its
`/health` every 50 ms. Prints each upload's answer and time, the median, 95th percentile and
slowest `/health` answers during it (and at rest, for comparison), and the process's resident memory (VmRSS)
before the upload, right after it and 5 s later. tests/e2e/test_hostile_uploads.py checks the
refusals in the in-process platform, where eight services share one event loop; here the
process is the service's own.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from govkit.topics import ensure_topics
from tests.scale.processes import replica_env, start_replica, wait_healthy
from tests.support.hostile_files import cell_bomb, dimension_bomb, long_csv
from tests.support.stack import KAFKA
from tests.support.tokens import bearer

UPLOADS = {
    "dimension bomb": ("dimension.xlsx", dimension_bomb),
    "200,000-row CSV": ("long.csv", lambda: long_csv(200_000)),
    "100 MB cell": ("cell.xlsx", cell_bomb),
}


def resident_mb(pid: int) -> float:
    """VmRSS of the process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise LookupError(f"no VmRSS for {pid}")


async def health_while(client: httpx.AsyncClient, until: asyncio.Future) -> str:
    """`/health` asked every 50 ms while `until` runs: its slowest and median answers, and
    how many were not 200 (or never came)."""
    took, failed = [], 0
    while not until.done():
        started = time.perf_counter()
        try:
            failed += (await client.get("/health", timeout=10)).status_code != 200
        except httpx.HTTPError:
            failed += 1
        took.append(time.perf_counter() - started)
        await asyncio.sleep(0.05)
    p95 = statistics.quantiles(took, n=20, method="inclusive")[-1] if len(took) > 1 else took[0]
    return (
        f"/health median {statistics.median(took) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {max(took) * 1000:.0f} ms over {len(took)}, {failed} not 200"
    )


async def measure(url: str, pid: int, rounds: int) -> None:
    headers = bearer("district_yuhua")
    async with httpx.AsyncClient(base_url=url, timeout=300) as client:
        at_rest = await health_while(client, asyncio.ensure_future(asyncio.sleep(3)))
        print(f"at rest: {at_rest}; {resident_mb(pid):.0f} MB")
        for _ in range(rounds):
            for name, (filename, build) in UPLOADS.items():
                content = build()
                before = resident_mb(pid)
                started = time.perf_counter()
                upload = asyncio.ensure_future(
                    client.post(
                        "/institutions/import",
                        files={"file": (filename, content, "application/octet-stream")},
                        headers=headers,
                    )
                )
                health = await health_while(client, upload)
                reply, took = await upload, time.perf_counter() - started
                right_after = resident_mb(pid)
                await asyncio.sleep(5)
                print(
                    f"{name} ({len(content) / 1024:.0f} KB): {reply.status_code} in {took:.2f} s "
                    f"({reply.text[:80]}); {health}; memory {before:.0f} MB before, "
                    f"{right_after:.0f} right after, "
                    f"{resident_mb(pid):.0f} 5 s later"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    run = uuid.uuid4().hex[:8]
    prefix = f"bench-hostile-{run}."
    ensure_topics(KAFKA, prefix=prefix)
    with tempfile.TemporaryDirectory() as folder:
        env = replica_env(
            prefix,
            INSTITUTIONS_DATABASE_URL=f"sqlite:///{folder}/institutions.db",
            INSTITUTIONS_CONSUMER_GROUP=f"institutions-{run}",
        )
        service = start_replica("institutions", env, Path(folder), 1)
        try:
            wait_healthy([service])
            asyncio.run(
                measure(f"http://127.0.0.1:{service.port}", service.process.pid, args.rounds)
            )
        finally:
            service.stop()


if __name__ == "__main__":
    main()
