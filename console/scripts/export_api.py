"""Write what the console is generated from, offline: the platform's OpenAPI and vocabulary.

- `console/openapi.json`: every service's operations as the gateway serves them. The console's
  typed client (`npm run api`) is generated from it, so a change to a service's API breaks the
  console's type check, not its users.
- `console/src/generated/vocabulary.json`: the Chinese names of incident types and departments,
  taken from `contracts.vocabulary`, so the console never keeps a second copy.

    .venv/bin/python console/scripts/export_api.py           # write both
    .venv/bin/python console/scripts/export_api.py --check   # exit 1 if either is stale

`tests/fast/test_console_api.py` runs the check.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.openapi.utils import get_openapi

from contracts.vocabulary import DEPARTMENT_NAMES, INCIDENT_TYPE_NAMES
from gateway.app import create_app as create_gateway
from gateway.openapi import merge
from gateway.routes import PUBLIC_PREFIX, PUBLIC_SERVICE, service_routes
from gateway.settings import GatewaySettings

SERVICES = tuple(service_routes(GatewaySettings()))
"""Every service the gateway forwards to; each module `<name>.app` builds it."""
CONSOLE = Path(__file__).resolve().parents[1]


def platform_openapi() -> dict[str, Any]:
    """Every service's own document, merged as the gateway merges them at run time."""
    services = {
        name: importlib.import_module(f"{name}.app").create_app().openapi() for name in SERVICES
    }
    gateway = create_gateway()
    own = get_openapi(title=gateway.title, version=gateway.version, routes=gateway.routes)
    return merge(own, services, public=(PUBLIC_SERVICE, PUBLIC_PREFIX), unavailable={})


def vocabulary() -> dict[str, dict[str, str]]:
    return {
        "incident_types": {kind.value: name for kind, name in INCIDENT_TYPE_NAMES.items()},
        "departments": {department.value: name for department, name in DEPARTMENT_NAMES.items()},
    }


TARGETS: dict[Path, Callable[[], Any]] = {
    CONSOLE / "openapi.json": platform_openapi,
    CONSOLE / "src" / "generated" / "vocabulary.json": vocabulary,
}


def rendered(build: Callable[[], Any]) -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def stale() -> list[Path]:
    return [
        path
        for path, build in TARGETS.items()
        if not path.exists() or path.read_text(encoding="utf-8") != rendered(build)
    ]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        outdated = stale()
        for path in outdated:
            print(
                f"{path} is stale: run console/scripts/{Path(__file__).name}, then `npm run build`"
            )
        return 1 if outdated else 0
    for path, build in TARGETS.items():
        path.write_text(rendered(build), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
