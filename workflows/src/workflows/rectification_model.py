"""The rectification workflow's rules (data), input and state, in the contract's vocabulary."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, PositiveInt

from contracts.events import RectificationOrderIssued
from contracts.vocabulary import AccountabilityMeasure, Severity
from govkit.calendar import WorkingCalendar


class RectificationRules(BaseModel):
    """How long a unit has, when it hears of it, and how an overdue order climbs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    term_working_days: dict[Severity, PositiveInt] = Field(min_length=len(Severity))
    remind_before_working_days: PositiveInt
    reinspect_within_working_days: PositiveInt
    ladder_step_working_days: PositiveInt
    ladder: list[AccountabilityMeasure] = Field(min_length=1)


def load_rectification_rules(text: str | None = None) -> RectificationRules:
    """The rules in `text`, or the packaged `rectification.json`; bad data raises ValueError."""
    data = text or resources.files("workflows.data").joinpath("rectification.json").read_text()
    raw = {k: v for k, v in json.loads(data).items() if not k.startswith("_")}
    return RectificationRules.model_validate(raw)


@dataclass
class RectificationInput:
    order: RectificationOrderIssued
    rules: RectificationRules
    calendar: WorkingCalendar


@dataclass
class OrderClock:
    """The order's clock; inspections owns the order's status, the workflow only its time."""

    order_id: str
    deadline: datetime
    started: datetime  # when the term now running began
    cycle: int = 0  # each failed re-inspection opens the next term
    running: bool = True  # stopped while submitted evidence awaits its re-inspection
    level: int = 0  # rungs of the ladder reached so far
    first_rung: int = 0  # where this cycle's ladder starts: each rung is reached once per order
    acknowledged: bool = False
    closed: bool = False
    done: list[str] = field(default_factory=list)


def rectification_workflow_id(order_id: str) -> str:
    """One workflow per order: a redelivered order maps to the same workflow."""
    return f"rectification-{order_id}"
