"""What the gateway forwards: exactly the operations each service declares in its OpenAPI.

A service's document lists its paths, their methods and (from `govkit.auth.require_roles`) the
roles each operation admits. Anything else is a 404 (a path no operation has) or a 405 (a path
with other methods) before a byte is forwarded, so a service's own /openapi.json, /docs or an
undeclared route is never reachable through the gateway.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException

from gateway.openapi import Document

HTTP_METHODS = ("get", "put", "post", "delete", "patch")


@dataclass(frozen=True)
class Operation:
    method: str
    template: tuple[str, ...]  # path segments, `{name}` for a parameter
    roles: frozenset[str]  # empty: whoever the service lets in

    @property
    def path(self) -> str:
        return "/" + "/".join(self.template)

    def matches(self, parts: tuple[str, ...]) -> bool:
        return len(parts) == len(self.template) and all(
            part == fixed or (fixed.startswith("{") and fixed.endswith("}") and part != "")
            for part, fixed in zip(parts, self.template, strict=True)
        )


@dataclass(frozen=True)
class Operations:
    """One service's declared operations, in the order the service's router tries them."""

    service: str
    items: tuple[Operation, ...]

    @classmethod
    def from_document(cls, service: str, document: Document) -> Operations:
        return cls(
            service,
            tuple(
                Operation(method.upper(), tuple(path.split("/")[1:]), _roles(operation))
                for path, by_method in document.get("paths", {}).items()
                for method, operation in by_method.items()
                if method in HTTP_METHODS
            ),
        )

    def find(self, method: str, parts: tuple[str, ...]) -> Operation:
        """The operation that answers `method` on `parts`, or 404 / 405 saying what is served."""
        at_path = [op for op in self.items if op.matches(parts)]
        for operation in at_path:
            if operation.method == method:
                return operation
        path = "/" + "/".join(parts)
        if at_path:
            allowed = ", ".join(sorted({op.method for op in at_path}))
            raise HTTPException(
                405,
                f"方法不允许 ({method} is not served at {path} of {self.service}; "
                f"allowed: {allowed})",
                headers={"Allow": allowed},
            )
        raise HTTPException(
            404,
            f"没有这个接口 (no operation {method} {path} in {self.service}; "
            "/docs lists every operation the gateway serves)",
        )


def _roles(operation: Document) -> frozenset[str]:
    """The roles an operation admits: those named in its security requirements, or any."""
    requirements = operation.get("security", [])
    named = [roles for requirement in requirements for roles in requirement.values()]
    if not named or any(not roles for roles in named):
        return frozenset()
    return frozenset(role for roles in named for role in roles)
