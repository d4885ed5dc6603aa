"""Create the Kafka topics declared in contracts.topics.TOPICS and their dead-letter topics
(`<topic>.dlq`; missing ones only).

Run by `deploy/local/stack.sh start` with the project venv's python:
    .venv/bin/python deploy/local/create_topics.py --bootstrap 127.0.0.1:9092
"""

from __future__ import annotations

import argparse
import sys

from kafka.errors import KafkaError

from govkit.topics import ensure_topics


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--prefix", default="", help="prepended to every topic name")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for Kafka")
    args = parser.parse_args()
    try:
        created = ensure_topics(
            args.bootstrap,
            prefix=args.prefix,
            timeout_seconds=args.timeout,
            report=lambda line: print(f"[topics] {line}"),
        )
    except KafkaError as exc:
        print(f"[topics] ERROR: cannot create topics on {args.bootstrap}: {exc!r}", file=sys.stderr)
        return 1
    print(f"[topics] done: {len(created)} created")
    return 0


if __name__ == "__main__":
    sys.exit(main())
