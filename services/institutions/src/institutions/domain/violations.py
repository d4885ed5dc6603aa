"""What a change does to an institution's open violations: each is announced once, when it
starts and when it stops (patrol turns one into a lead, risk into a signal), never per edit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from contracts.events import ComplianceViolationFound, ComplianceViolationResolved
from institutions.domain.compliance import Context, evaluate
from institutions.domain.model import InstitutionData

ViolationEvent = ComplianceViolationResolved | ComplianceViolationFound


def recheck(
    institution_id: str,
    data: InstitutionData,
    open_violations: Mapping[str, str],
    context: Context,
    *,
    new_id: Callable[[], str],
    now: datetime,
) -> list[ViolationEvent]:
    """Every open violation (rule → violation id) no longer broken, then every newly broken rule."""
    findings = {finding.rule: finding for finding in evaluate(data, context)}
    resolved: list[ViolationEvent] = [
        ComplianceViolationResolved(
            violation_id=violation_id, institution_id=institution_id, rule=rule, resolved_at=now
        )
        for rule, violation_id in open_violations.items()
        if rule not in findings
    ]
    return resolved + [
        ComplianceViolationFound(
            violation_id=new_id(),
            institution_id=institution_id,
            institution_name=data.name,
            address=data.address,
            rule=finding.rule,
            evidence=finding.evidence,
            severity=finding.severity,
            district=data.district,
            township=data.township,
            grid=data.grid,
            found_at=now,
        )
        for rule, finding in findings.items()
        if rule not in open_violations
    ]
