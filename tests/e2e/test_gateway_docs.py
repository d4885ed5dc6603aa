"""The gateway's /openapi.json holds every operation of every service, with the same schemas."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gateway.routes import PUBLIC_PREFIX, PUBLIC_SERVICE, service_routes
from gateway.settings import GatewaySettings

pytestmark = pytest.mark.e2e

COMPARED = ("parameters", "requestBody", "responses")


def inlined(node: Any, document: dict, seen: tuple[str, ...] = ()) -> Any:
    """`node` with every `$ref` replaced by what it points to, so two documents compare."""
    if isinstance(node, dict):
        if "$ref" in node:
            ref = node["$ref"]
            assert ref not in seen, f"recursive schema {ref}"
            target: Any = document
            for part in ref.removeprefix("#/").split("/"):
                target = target[part]
            return inlined(target, document, (*seen, ref))
        return {key: inlined(value, document, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [inlined(item, document, seen) for item in node]
    return node


def shape(operation: dict, document: dict) -> dict:
    return {key: inlined(operation.get(key), document) for key in COMPARED}


async def own_documents(platform) -> dict[str, dict]:
    """Each routed service's own document, straight from the service."""
    async with httpx.AsyncClient(timeout=10) as client:
        return {
            name: (await client.get(f"{getattr(platform, f'{name}_url')}/openapi.json")).json()
            for name in service_routes(GatewaySettings())
        }


async def test_every_service_operation_is_in_the_gateway_document(gateway, platform):
    reply = await gateway.get("/openapi.json")
    assert reply.status_code == 200, reply.text
    merged = reply.json()
    assert "x-unavailable" not in merged
    compared = 0
    for service, own in (await own_documents(platform)).items():
        for path, operations in own["paths"].items():
            served = merged["paths"].get(f"/api/{service}{path}")
            assert served is not None, f"{service} {path} is missing from the gateway's document"
            for method, operation in operations.items():
                assert shape(served[method], merged) == shape(operation, own), (service, path)
                compared += 1
            if service == PUBLIC_SERVICE and path.startswith(PUBLIC_PREFIX):
                public = merged["paths"][path]
                assert {m: shape(op, merged) for m, op in public.items()} == {
                    m: shape(op, own) for m, op in operations.items()
                }
    # Registry import, task acknowledgement and the rest: dozens, not a handful.
    assert compared > 30
    assert len({op["operationId"] for ops in merged["paths"].values() for op in ops.values()}) == (
        sum(len(ops) for ops in merged["paths"].values())
    )


async def test_the_gateway_serves_the_events_document(gateway):
    events = (await gateway.get("/asyncapi.json")).json()
    assert events["asyncapi"].startswith("3.")
    assert "enforcement.cases" in {c["address"] for c in events["channels"].values()}
