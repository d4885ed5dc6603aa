"""The checklist versions and rectification rules from their data files."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from inspections.domain.checklist import ChecklistBook, checklist_book
from inspections.domain.deadlines import RectificationRules, rectification_rules


def _data(name: str) -> Any:
    return json.loads(resources.files("inspections.data").joinpath(name).read_text())


def load_checklists() -> ChecklistBook:
    return checklist_book(_data("checklist.json"))


def load_rectification_rules() -> RectificationRules:
    return rectification_rules(_data("rectification.json"))
