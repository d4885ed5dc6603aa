"""422s that stay small, and an OpenAPI document that describes every 422 a service sends.

A request that does not parse is answered with its first `MAX_PROBLEMS` problems, each with
where (`loc`), what (`msg`, `type`) and, only when short, the value sent (`input`): a 20 MB
description is not sent back, nor 200,000 problems for 200,000 unknown keys. A domain's own
refusal (`govkit.errors.Invalid`) says what is wrong in one sentence: its `detail` is a string,
which the document allows beside the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI

MAX_PROBLEMS = 20
MAX_ECHOED_CHARS = 100
VALIDATION_ERROR = "#/components/schemas/HTTPValidationError"


def validation_details(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """The first problems of a request that did not parse, and how many more there were."""
    details = [_problem(error) for error in errors[:MAX_PROBLEMS]]
    if len(errors) > MAX_PROBLEMS:
        details.append(
            {
                "type": "too_many_problems",
                "loc": [],
                "msg": f"另有 {len(errors) - MAX_PROBLEMS} 处错误未列出 ({len(errors)} problems "
                f"in all; the first {MAX_PROBLEMS} are listed)",
            }
        )
    return details


def _problem(error: dict[str, Any]) -> dict[str, Any]:
    problem: dict[str, Any] = {
        "type": str(error.get("type", "value_error")),
        "loc": [
            part if isinstance(part, int) else str(part)[:MAX_ECHOED_CHARS]
            for part in error.get("loc", ())
        ],
        "msg": str(error.get("msg", ""))[:500],
    }
    value = error.get("input")
    # Floats may be NaN or infinite, which JSON cannot carry; long text is not echoed.
    if isinstance(value, bool | int) or (isinstance(value, str) and len(value) <= MAX_ECHOED_CHARS):
        problem["input"] = value
    return problem


def document_refusals(app: FastAPI) -> None:
    """Make `app`'s OpenAPI document describe its 422s as they are sent (see module docstring)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        document = build()
        _describe_refusals(document)
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _describe_refusals(document: dict[str, Any]) -> None:
    """In place and idempotent: `detail` a list or a sentence; a route's own 422 body, or one
    of ours, wherever a route declares its own."""
    schemas = document.get("components", {}).get("schemas", {})
    if "HTTPValidationError" not in schemas:
        return
    detail = schemas["HTTPValidationError"]["properties"]["detail"]
    if "anyOf" not in detail:
        listed = {key: value for key, value in detail.items() if key != "title"}
        sentence = {"type": "string", "description": "A domain's refusal, in one sentence"}
        schemas["HTTPValidationError"]["properties"]["detail"] = {
            "anyOf": [listed, sentence],
            "title": "Detail",
        }
    for path in document.get("paths", {}).values():
        for operation in path.values():
            refusal = operation.get("responses", {}).get("422", {})
            content = refusal.get("content", {}).get("application/json", {})
            declared = content.get("schema")
            if declared is None or declared.get("$ref") == VALIDATION_ERROR:
                continue
            if VALIDATION_ERROR not in [s.get("$ref") for s in declared.get("anyOf", [])]:
                content["schema"] = {"anyOf": [declared, {"$ref": VALIDATION_ERROR}]}
