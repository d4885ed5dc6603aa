"""The console's typed client is generated from console/openapi.json: it must be the API the
services serve now, or a change to an operation the console calls would reach its users."""

from __future__ import annotations

import importlib.util
from pathlib import Path

EXPORTER = Path(__file__).resolve().parents[2] / "console" / "scripts" / "export_api.py"


def test_the_console_is_generated_from_the_api_and_vocabulary_of_today():
    spec = importlib.util.spec_from_file_location("export_api", EXPORTER)
    assert spec and spec.loader
    exporter = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(exporter)
    stale = exporter.stale()
    assert stale == [], f"stale: {stale}; run .venv/bin/python console/scripts/export_api.py"
