"""JSON Schema of every contract, and the rule for what counts as a breaking change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from contracts.envelope import Envelope
from contracts.events import ALL_MESSAGES

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


def generated_schemas() -> dict[str, dict[str, Any]]:
    """File name → JSON Schema, for the envelope and every message."""
    schemas = {"Envelope.json": Envelope.model_json_schema()}
    for message in ALL_MESSAGES:
        schema = message.model_json_schema()
        schema["x-event-type"] = message.EVENT_TYPE
        schema["x-topic"] = message.TOPIC.name
        schemas[f"{message.EVENT_TYPE}.json"] = schema
    return schemas


def checked_in_schemas(directory: Path = SCHEMA_DIR) -> dict[str, dict[str, Any]]:
    return {p.name: json.loads(p.read_text()) for p in sorted(directory.glob("*.json"))}


def write_schemas(directory: Path = SCHEMA_DIR) -> list[str]:
    directory.mkdir(parents=True, exist_ok=True)
    for name, schema in generated_schemas().items():
        (directory / name).write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return sorted(generated_schemas())


def breaking_changes(old: dict[str, Any], new: dict[str, Any], path: str = "") -> list[str]:
    """Ways `new` would break a consumer or producer written against `old`.

    Breaking: a property removed, a property newly required, a type changed, an enum value
    removed, a constant changed. Adding optional properties or enum values is compatible.
    """
    problems: list[str] = []
    return _compare(old, new, old, new, path or "$", problems)


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if not ref:
        return node
    target: dict[str, Any] = root
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    return target


def _compare(
    old: dict[str, Any],
    new: dict[str, Any],
    old_root: dict[str, Any],
    new_root: dict[str, Any],
    path: str,
    problems: list[str],
) -> list[str]:
    old, new = _resolve(old, old_root), _resolve(new, new_root)
    if old.get("type") != new.get("type"):
        problems.append(f"{path}: type changed from {old.get('type')} to {new.get('type')}")
    if "const" in old and old.get("const") != new.get("const"):
        problems.append(f"{path}: constant changed from {old['const']!r} to {new.get('const')!r}")
    removed_values = set(old.get("enum", [])) - set(new.get("enum", old.get("enum", [])))
    if removed_values:
        problems.append(f"{path}: enum values removed: {sorted(removed_values)}")
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for name in old_props.keys() - new_props.keys():
        problems.append(f"{path}.{name}: property removed")
    for name in set(new.get("required", [])) - set(old.get("required", [])):
        problems.append(f"{path}.{name}: property became required")
    for name in old_props.keys() & new_props.keys():
        _compare(old_props[name], new_props[name], old_root, new_root, f"{path}.{name}", problems)
    for key in ("anyOf", "oneOf"):
        if key in old or key in new:
            old_alts = [_resolve(a, old_root).get("type") for a in old.get(key, [])]
            new_alts = [_resolve(a, new_root).get("type") for a in new.get(key, [])]
            if missing := [a for a in old_alts if a not in new_alts]:
                problems.append(f"{path}: {key} no longer accepts {missing}")
    return problems
