"""Keeping a signal, rescoring its institution, and what a new level does."""

from __future__ import annotations

from contracts.events import RiskIncidentRaised, RiskLevelChanged
from contracts.vocabulary import Department, IncidentType, InstitutionCategory, Severity
from risk.domain.board import link_between
from risk.domain.scoring import Level, assess
from risk.domain.signals import BANNED, Signal, linked_signal
from risk.rules import scoring_rules
from risk.service import Uow
from risk.store.tables import FollowedCase, LevelChange, RiskInstitution, RiskSignal

STABILITY = [Department.PUBLIC_SECURITY, Department.EDUCATION, Department.MARKET_SUPERVISION]
REPORTER = "risk-exchange"


def keep(signal: Signal, uow: Uow) -> bool:
    """Store a signal once; False if it was already kept."""
    if uow.repo.signal(signal.signal_id) is not None:
        return False
    uow.repo.add(RiskSignal(**signal.model_dump()))
    return True


def signal_on(institution: RiskInstitution, signal: Signal, uow: Uow) -> None:
    """A new signal rescores its institution; a signal kept before changes nothing."""
    if keep(signal, uow):
        rescore(institution, uow)


def rescore(institution: RiskInstitution, uow: Uow, *, propagate: bool = True) -> None:
    """The institution's level from its signals and ledger; a change is kept and published."""
    signals = uow.repo.signals_of(institution.institution_id)
    assessment = assess(signals, institution.ledger().cover_ratio, scoring_rules(), uow.now)
    before = Level(institution.level)
    institution.score, institution.reasons = assessment.score, assessment.reasons
    uow.repo.add(institution)
    if assessment.level == before:
        return
    institution.level = assessment.level.value
    if assessment.level == Level.RED and institution.episode_id is None:
        institution.episode_id = uow.new_id()
        _blow_whistle(institution, uow)
    elif assessment.level == Level.GREEN:
        institution.episode_id = None
    change = LevelChange(
        change_id=uow.new_id(),
        institution_id=institution.institution_id,
        from_level=before.value,
        to_level=institution.level,
        score=assessment.score,
        reasons=assessment.reasons,
        signal_ids=assessment.made_by,
        episode_id=institution.episode_id,
        changed_at=uow.now,
    )
    uow.repo.add(change)
    uow.emit(
        RiskLevelChanged(
            change_id=change.change_id,
            institution_id=institution.institution_id,
            institution_name=institution.name,
            institution_address=institution.address,
            district=institution.district,
            township=institution.township,
            grid=institution.grid,
            from_level=change.from_level,
            to_level=change.to_level,
            score=change.score,
            reasons=change.reasons,
            changed_at=uow.now,
        )
    )
    # A banned institution's ban is already a signal on its links; its red is not a second one.
    red = assessment.level == Level.RED and institution.state != BANNED
    if propagate and red and institution.episode_id:
        spread(institution, Level.RED.value, institution.episode_id, uow)


def _blow_whistle(institution: RiskInstitution, uow: Uow) -> None:
    """One stability whistle per red episode; the episode's id is the case's."""
    episode = str(institution.episode_id)
    uow.repo.add(FollowedCase(case_id=episode, institution_id=institution.institution_id))
    category = institution.category
    uow.emit(
        RiskIncidentRaised(
            incident_id=episode,
            incident_type=IncidentType.INSTITUTION_COLLAPSE,
            description="风险预警转红，请维稳联处：" + "；".join(institution.reasons[:5]),
            institution_name=institution.name,
            institution_address=institution.address,
            reporter=REPORTER,
            district=institution.district,
            township=institution.township,
            grid=institution.grid,
            reported_at=uow.now,
            institution_id=institution.institution_id,
            severity=Severity.URGENT,
            departments=STABILITY,
            institution_category=(
                InstitutionCategory(category) if category in set(InstitutionCategory) else None
            ),
        )
    )


def spread(cause: RiskInstitution, what: str, ref: str, uow: Uow) -> None:
    """A ban or a red level on `cause` is a signal on each institution linked to it."""
    for other in uow.repo.linked(cause):
        link = link_between(cause, other)
        if link is None:
            continue
        signal = linked_signal(other, cause, what=what, via=link.via, ref=ref, now=uow.now)
        if keep(signal, uow):
            rescore(other, uow, propagate=False)


def inherit_links(institution: RiskInstitution, uow: Uow) -> None:
    """A newcomer linked to a banned or red institution gets a signal from each."""
    for other in uow.repo.linked(institution, troubled_only=True):
        link = link_between(institution, other)
        if link is None:
            continue
        if other.state == BANNED:
            what, ref = BANNED, other.institution_id
        elif other.level == Level.RED.value and other.episode_id:
            what, ref = Level.RED.value, other.episode_id
        else:
            continue
        signal = linked_signal(institution, other, what=what, via=link.via, ref=ref, now=uow.now)
        keep(signal, uow)
