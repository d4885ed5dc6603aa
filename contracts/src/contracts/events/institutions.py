"""Events the registry publishes about institutions and their compliance."""

from __future__ import annotations

from typing import ClassVar

from pydantic import AwareDatetime, Field

from contracts.events.base import Message
from contracts.topics import (
    INSTITUTIONS_REGISTRY,
    Topic,
)
from contracts.vocabulary import (
    Department,
    Severity,
)


class InstitutionRegistered(Message):
    """An institution (or school) entered the registry, by hand or from an imported file."""

    EVENT_TYPE: ClassVar[str] = "gov.institutions.InstitutionRegistered.v1"
    TOPIC: ClassVar[Topic] = INSTITUTIONS_REGISTRY
    KEY_FIELD: ClassVar[str] = "institution_id"

    institution_id: str
    credit_code: str
    name: str
    kind: str
    category: str
    supervising_department: Department | None
    state: str
    district: str
    township: str
    grid: str
    registered_by: str
    registered_at: AwareDatetime
    address: str | None = Field(default=None, description="The venue; None from older producers")
    fund_account: str | None = Field(default=None, description="The supervised fund account")
    legal_representative: str | None = Field(
        default=None, description="The legal representative (法定代表人), when the registry has it"
    )


class InstitutionChanged(Message):
    """Registry fields of an institution were edited; `fields` names which."""

    EVENT_TYPE: ClassVar[str] = "gov.institutions.InstitutionChanged.v1"
    TOPIC: ClassVar[Topic] = INSTITUTIONS_REGISTRY
    KEY_FIELD: ClassVar[str] = "institution_id"

    institution_id: str
    fields: list[str]
    changed_by: str
    changed_at: AwareDatetime
    legal_representative: str | None = Field(
        default=None, description="The legal representative (法定代表人) after the edit"
    )


class InstitutionLifecycleChanged(Message):
    """An institution moved through its lifecycle (审批, 整改, 关停, 取缔, 退出): who, when, why."""

    EVENT_TYPE: ClassVar[str] = "gov.institutions.InstitutionLifecycleChanged.v1"
    TOPIC: ClassVar[Topic] = INSTITUTIONS_REGISTRY
    KEY_FIELD: ClassVar[str] = "institution_id"

    institution_id: str
    from_state: str
    to_state: str
    reason: str
    changed_by: str
    changed_at: AwareDatetime


class ComplianceViolationFound(Message):
    """A compliance rule newly fails for an institution; carries where it is, for patrols."""

    EVENT_TYPE: ClassVar[str] = "gov.institutions.ComplianceViolationFound.v1"
    TOPIC: ClassVar[Topic] = INSTITUTIONS_REGISTRY
    KEY_FIELD: ClassVar[str] = "institution_id"

    violation_id: str
    institution_id: str
    institution_name: str
    address: str
    rule: str
    evidence: str
    severity: Severity
    district: str
    township: str
    grid: str
    found_at: AwareDatetime


class ComplianceViolationResolved(Message):
    """A rule that failed for an institution passes again."""

    EVENT_TYPE: ClassVar[str] = "gov.institutions.ComplianceViolationResolved.v1"
    TOPIC: ClassVar[Topic] = INSTITUTIONS_REGISTRY
    KEY_FIELD: ClassVar[str] = "institution_id"

    violation_id: str
    institution_id: str
    rule: str
    resolved_at: AwareDatetime
