"""Every service's domain loads with the web, token and database libraries blocked."""

from __future__ import annotations

import subprocess
import sys

import pytest

SERVICES = [
    "patrol",
    "enforcement",
    "institutions",
    "risk",
    "oversight",
    "workflows",
    "inspections",
]
BLOCKED = ["fastapi", "starlette", "jwt", "sqlmodel", "sqlalchemy"]

PROBE = """
import importlib, pkgutil, sys
for name in {blocked!r}:
    sys.modules[name] = None  # any import of it now raises ImportError
package = importlib.import_module("{service}.domain")
loaded = [package.__name__]
for module in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + "."):
    importlib.import_module(module.name)
    loaded.append(module.name)
print(len(loaded))
"""


@pytest.mark.parametrize("service", SERVICES)
def test_the_domain_imports_without_web_or_database(service):
    probe = PROBE.format(blocked=BLOCKED, service=service)
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 2, f"{service}.domain should be a package of modules"
