"""What other services' events become in the risk exchange: institutions, cases and signals."""

from __future__ import annotations

from contracts.events import (
    ComplianceViolationFound,
    FindingRecorded,
    IncidentReported,
    InspectionIncidentRaised,
    InstitutionChanged,
    InstitutionLifecycleChanged,
    InstitutionRegistered,
    JointActionRecorded,
    TaskOutcomeSubmitted,
)
from contracts.vocabulary import IncidentType, TaskOutcome
from risk.domain.signals import (
    BANNED,
    ENDED,
    OUTCOMES,
    signal_from_finding,
    signal_from_lifecycle,
    signal_from_outcome,
    signal_from_tip,
    signal_from_violation,
)
from risk.service import Uow
from risk.service.levels import inherit_links, keep, rescore, signal_on, spread
from risk.store.tables import FollowedCase, RiskInstitution


def register(event: InstitutionRegistered, uow: Uow) -> None:
    """A new institution: who and where it is, and whether it is linked to a banned or red one."""
    institution = uow.repo.institution(event.institution_id) or RiskInstitution(
        institution_id=event.institution_id,
        credit_code=event.credit_code,
        name=event.name,
        category=event.category,
        district=event.district,
        township=event.township,
        grid=event.grid,
    )
    institution.address = event.address or institution.address
    institution.fund_account = event.fund_account or institution.fund_account
    institution.legal_representative = (
        event.legal_representative or institution.legal_representative
    )
    uow.repo.add(institution)
    inherit_links(institution, uow)
    if event.state in ENDED and institution.state != event.state:
        # Registered (imported) already banned or closed: the same signal as a later ban.
        _change_state(institution, _entered_as(event, institution.state), uow)
    else:
        institution.state = event.state
    rescore(institution, uow)


def _entered_as(event: InstitutionRegistered, before: str) -> InstitutionLifecycleChanged:
    return InstitutionLifecycleChanged(
        institution_id=event.institution_id,
        from_state=before,
        to_state=event.state,
        reason="登记时即为此状态 (registered in this state)",
        changed_by=event.registered_by,
        changed_at=event.registered_at,
    )


def follow_change(event: InstitutionChanged, uow: Uow) -> None:
    """A new legal representative may link the institution to a banned or red one."""
    institution = uow.repo.institution(event.institution_id)
    if institution is None or "legal_representative" not in event.fields:
        return
    institution.legal_representative = event.legal_representative
    uow.repo.add(institution)
    inherit_links(institution, uow)
    rescore(institution, uow)


def follow_lifecycle(event: InstitutionLifecycleChanged, uow: Uow) -> None:
    """A ban or closure is a signal; a ban is also one on every linked institution."""
    institution = uow.repo.institution(event.institution_id)
    if institution is not None:
        _change_state(institution, event, uow)


def _change_state(
    institution: RiskInstitution, event: InstitutionLifecycleChanged, uow: Uow
) -> None:
    institution.state = event.to_state
    if event.to_state in ENDED:
        signal_on(institution, signal_from_lifecycle(event, institution, received_at=uow.now), uow)
    if event.to_state == BANNED:
        spread(institution, BANNED, institution.institution_id, uow)
    uow.repo.add(institution)


def record_violation(event: ComplianceViolationFound, uow: Uow) -> None:
    """A violation the registry found is kept as a signal about the institution."""
    signal = signal_from_violation(event, received_at=uow.now)
    institution = uow.repo.institution(event.institution_id)
    if institution is None:
        keep(signal, uow)
    else:
        signal_on(institution, signal, uow)


def record_finding(event: FindingRecorded, uow: Uow) -> None:
    """An inspection's finding about a registered institution (a school's is not risk's)."""
    institution = uow.repo.institution(event.institution_id) if event.institution_id else None
    if institution is not None:
        signal_on(institution, signal_from_finding(event, institution, received_at=uow.now), uow)


def follow_report(event: IncidentReported, uow: Uow) -> None:
    """A report about a known institution (by name in its district): follow its case; a
    complaint tip is a signal."""
    institution = uow.repo.institution_named(event.district, event.institution_name)
    if institution is None:
        return
    uow.repo.add(FollowedCase(case_id=event.incident_id, institution_id=institution.institution_id))
    if event.incident_type == IncidentType.COMPLAINT_TIP:
        signal_on(institution, signal_from_tip(event, institution, received_at=uow.now), uow)


def follow_finding_case(event: InspectionIncidentRaised, uow: Uow) -> None:
    if event.institution_id:
        uow.repo.add(FollowedCase(case_id=event.incident_id, institution_id=event.institution_id))


def record_outcome(event: TaskOutcomeSubmitted | JointActionRecorded, uow: Uow) -> None:
    """A fine, ban or closure on a case about a known institution; a ban spreads to its links."""
    case = uow.repo.case(event.case_id) if event.outcome in OUTCOMES else None
    institution = uow.repo.institution(case.institution_id) if case else None
    if institution is None:
        return
    signal_on(institution, signal_from_outcome(event, institution, received_at=uow.now), uow)
    if event.outcome == TaskOutcome.BANNED:
        institution.state = BANNED
        uow.repo.add(institution)
        spread(institution, BANNED, institution.institution_id, uow)
