"""Changing the registry: every change is written with its events and re-checks the rules.

One method per kind of change; each runs inside the caller's transaction so that the rows,
the lifecycle history, the open violations and the outbox events commit (or not) together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from contracts.events import (
    ComplianceViolationFound,
    ComplianceViolationResolved,
    InstitutionChanged,
    InstitutionLifecycleChanged,
    InstitutionRegistered,
    Message,
)
from govkit.calendar import WorkingCalendar
from govkit.outbox import record_event
from govkit.principal import Principal
from govkit.service import Runtime
from institutions import compliance
from institutions.model import InstitutionData, State
from institutions.store import Institution, LifecycleEntry, OpenViolation, open_violations


@dataclass(frozen=True)
class RuleBook:
    """The compliance parameters and calendar a service evaluates with (loaded at start-up)."""

    parameters: compliance.ComplianceParameters
    calendar: WorkingCalendar

    def context(self, now: datetime) -> compliance.Context:
        today = now.astimezone(ZoneInfo(self.calendar.timezone)).date()
        return compliance.Context(self.parameters, self.calendar, today)


@dataclass
class Change:
    """One transaction's worth of registry changes."""

    session: Session
    runtime: Runtime
    rules: RuleBook
    by: Principal
    now: datetime

    def emit(self, event: Message) -> None:
        record_event(
            self.session,
            event,
            source=self.runtime.source,
            event_id=self.runtime.new_id(),
            now=self.now,
        )

    def register(self, items: list[InstitutionData]) -> list[Institution]:
        """Add new institutions (their credit codes are known to be free)."""
        rows = [Institution.create(self.runtime.new_id(), data, now=self.now) for data in items]
        self.session.add_all(rows)
        for row, data in zip(rows, items, strict=True):
            self.emit(
                InstitutionRegistered(
                    institution_id=row.institution_id,
                    credit_code=data.credit_code,
                    name=data.name,
                    kind=data.kind.value,
                    category=data.category.value,
                    supervising_department=data.supervising_department,
                    state=data.state.value,
                    district=data.district,
                    township=data.township,
                    grid=data.grid,
                    registered_by=self.by.username,
                    registered_at=self.now,
                )
            )
            self._check(row, data, already_open=[])
        return rows

    def edit(self, row: Institution, data: InstitutionData) -> None:
        before = row.data()
        fields = sorted(
            k for k in InstitutionData.model_fields if getattr(before, k) != getattr(data, k)
        )
        if not fields:
            return
        row.assign(data, now=self.now)
        self.session.add(row)
        self.emit(
            InstitutionChanged(
                institution_id=row.institution_id,
                fields=fields,
                changed_by=self.by.username,
                changed_at=self.now,
            )
        )
        self._check(row, data, already_open=open_violations(self.session, row.institution_id))

    def change_state(self, row: Institution, event: InstitutionLifecycleChanged) -> None:
        data = row.data().model_copy(update={"state": State(event.to_state)})
        row.assign(data, now=self.now)
        self.session.add(row)
        self.session.add(
            LifecycleEntry(
                institution_id=row.institution_id,
                from_state=event.from_state,
                to_state=event.to_state,
                reason=event.reason,
                changed_by=event.changed_by,
                changed_at=event.changed_at,
            )
        )
        self.emit(event)
        self._check(row, data, already_open=open_violations(self.session, row.institution_id))

    def _check(
        self, row: Institution, data: InstitutionData, already_open: list[OpenViolation]
    ) -> None:
        """Emit a violation only when newly found, and a resolution when one stops failing."""
        findings = {f.rule: f for f in compliance.evaluate(data, self.rules.context(self.now))}
        for violation in already_open:
            if violation.rule not in findings:
                self.session.delete(violation)
                self.emit(
                    ComplianceViolationResolved(
                        violation_id=violation.violation_id,
                        institution_id=row.institution_id,
                        rule=violation.rule,
                        resolved_at=self.now,
                    )
                )
        known = {v.rule for v in already_open}
        for finding in (f for rule, f in findings.items() if rule not in known):
            violation_id = self.runtime.new_id()
            self.session.add(
                OpenViolation(
                    institution_id=row.institution_id,
                    rule=finding.rule,
                    violation_id=violation_id,
                    evidence=finding.evidence,
                    severity=finding.severity.value,
                    found_at=self.now,
                )
            )
            self.emit(
                ComplianceViolationFound(
                    violation_id=violation_id,
                    institution_id=row.institution_id,
                    institution_name=data.name,
                    address=data.address,
                    rule=finding.rule,
                    evidence=finding.evidence,
                    severity=finding.severity,
                    district=data.district,
                    township=data.township,
                    grid=data.grid,
                    found_at=self.now,
                )
            )
