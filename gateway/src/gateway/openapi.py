"""One OpenAPI document for the platform: every service's operations under the gateway's paths.

Pure: the services' own documents in, the merged document out. A schema name keeps its name
when every service that defines it defines it alike (with everything it refers to); otherwise
each service's version is named `<service>.<name>`.
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from typing import Any

Document = dict[str, Any]
SCHEMA_REF = "#/components/schemas/"


def gateway_path(service: str, path: str) -> str:
    """Where the gateway serves a service's path."""
    return f"/api/{service}{path}"


def merge(
    gateway: Document,
    services: dict[str, Document],
    *,
    public: tuple[str, str],
    unavailable: dict[str, str],
) -> Document:
    """The gateway's own document plus every service operation, under `/api/<service>/…`.

    `public` names the one service and path prefix the gateway also serves without a token;
    `unavailable` (service → why) is reported in the document instead of failing it.
    """
    merged = copy.deepcopy(gateway)
    names = _schema_names(services)
    components = merged.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemes = components.setdefault("securitySchemes", {})
    paths = merged.setdefault("paths", {})
    public_service, public_prefix = public
    for service, document in services.items():
        own = _renamed(document, names[service])
        schemas.update(
            {
                names[service][name]: body
                for name, body in own.get("components", {}).get("schemas", {}).items()
            }
        )
        schemes.update(own.get("components", {}).get("securitySchemes", {}))
        for path, operations in own.get("paths", {}).items():
            paths[gateway_path(service, path)] = _operations(operations, service, schemes)
            if service == public_service and path.startswith(public_prefix):
                paths[path] = _public(operations)
    merged["tags"] = merged.get("tags", []) + [
        {"name": f"{service}: {tag}"}
        for service, document in services.items()
        for tag in _tags(document)
    ]
    if unavailable:
        merged["x-unavailable"] = unavailable
        merged["info"]["description"] = merged["info"].get("description", "") + (
            "\n\n**Not shown, the service did not answer:** "
            + ", ".join(f"{name} ({why})" for name, why in sorted(unavailable.items()))
        )
    return merged


def _operations(operations: Document, service: str, schemes: Document) -> Document:
    """A service's operations as the gateway serves them: behind its token check."""
    out = copy.deepcopy(operations)
    for operation in out.values():
        operation["operationId"] = f"{service}_{operation['operationId']}"
        operation["tags"] = [f"{service}: {tag}" for tag in operation.get("tags", [])] or [service]
        operation.setdefault("security", [{name: []} for name in schemes])
    return out


def _public(operations: Document) -> Document:
    """The same operations at the gateway's public path: no token."""
    out = copy.deepcopy(operations)
    for operation in out.values():
        operation["operationId"] = f"public_{operation['operationId']}"
        operation["tags"] = ["public"]
        operation["security"] = []
    return out


def _tags(document: Document) -> list[str]:
    return sorted(
        {
            tag
            for ops in document.get("paths", {}).values()
            for op in ops.values()
            for tag in op.get("tags", [])
        }
    )


def _schema_names(services: dict[str, Document]) -> dict[str, dict[str, str]]:
    """service → (its schema name → the merged name)."""
    bodies: dict[str, dict[str, str]] = defaultdict(dict)
    for service, document in services.items():
        for name, body in document.get("components", {}).get("schemas", {}).items():
            bodies[name][service] = json.dumps(body, sort_keys=True)
    differing = {name for name, by_service in bodies.items() if len(set(by_service.values())) > 1}
    # A schema several services define alike still differs if it refers to one that differs.
    while True:
        spreading = {
            name
            for name, by_service in bodies.items()
            if name not in differing
            and len(by_service) > 1
            and any(
                f'"{SCHEMA_REF}{other}"' in body
                for other in differing
                for body in by_service.values()
            )
        }
        if not spreading:
            break
        differing |= spreading
    return {
        service: {
            name: f"{service}.{name}" if name in differing else name
            for name in document.get("components", {}).get("schemas", {})
        }
        for service, document in services.items()
    }


def _renamed(node: Any, names: dict[str, str]) -> Any:
    """A copy of `node` whose schema references follow `names`."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(SCHEMA_REF):
            return {**node, "$ref": SCHEMA_REF + names[ref.removeprefix(SCHEMA_REF)]}
        return {key: _renamed(value, names) for key, value in node.items()}
    if isinstance(node, list):
        return [_renamed(item, names) for item in node]
    return node
