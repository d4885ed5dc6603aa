"""Time a 5,000-row .xlsx import through the gateway of the running stack (`make run`).

    .venv/bin/python -m benchmarks.import_xlsx [--rows 5000] [--gateway http://127.0.0.1:8000]

Imports as `admin_user` (local demo realm) into a fresh name prefix, then checks every row is
searchable. It writes real rows into the local registry: run it against a local stack only.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid

import httpx

from tests.support.registry import generated_rows, xlsx_file
from tests.support.tokens import bearer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--gateway", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    prefix = f"基准{uuid.uuid4().hex[:6]}"

    started = time.perf_counter()
    content = xlsx_file(generated_rows(args.rows, random.Random(prefix), prefix))
    print(
        f"generated {args.rows} rows: {len(content) / 1e6:.2f} MB in "
        f"{time.perf_counter() - started:.2f} s"
    )

    headers = bearer("admin_user")
    with httpx.Client(base_url=args.gateway, headers=headers, timeout=300) as gateway:
        started = time.perf_counter()
        reply = gateway.post(
            "/api/institutions/institutions/import",
            files={"file": ("benchmark.xlsx", content, "application/octet-stream")},
        )
        elapsed = time.perf_counter() - started
        if reply.status_code != 200:
            print(f"import failed: {reply.status_code} {reply.text[:1000]}")
            return 1
        found = gateway.get("/api/institutions/institutions", params={"q": prefix, "limit": 1})
    count = found.json()["count"]
    print(
        f"imported {reply.json()['imported']} rows through the gateway in {elapsed:.2f} s "
        f"({args.rows / elapsed:.0f} rows/s); searchable: {count}"
    )
    return 0 if count == args.rows else 1


if __name__ == "__main__":
    sys.exit(main())
