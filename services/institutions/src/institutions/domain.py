"""The registry's rules: who may read and change which institution, and the lifecycle.

Pure: functions take the caller, the institution and the clock, and return the event that
records the change, or raise a domain error whose message says why (Chinese first).
"""

from __future__ import annotations

from datetime import datetime

from contracts.events import InstitutionLifecycleChanged
from contracts.vocabulary import Department
from govkit.principal import Principal
from institutions.model import AgeGroup, Category, InstitutionData, State

EDITOR_ROLES = frozenset({"department_officer", "department_lead", "district_officer", "admin"})
READER_ROLES = EDITOR_ROLES | {"grid_worker", "township_officer", "inspector", "leader"}
CITY_WIDE_ROLES = frozenset({"leader", "admin"})
DEPARTMENT_ROLES = frozenset({"department_officer", "department_lead"})

# 待审批 → 已审批 → 整改中 ⇄ 已审批; 关停 / 取缔 / 有序退出 end the line (关停 may reopen via 整改).
TRANSITIONS: dict[State, frozenset[State]] = {
    State.PENDING: frozenset({State.APPROVED, State.BANNED}),
    State.APPROVED: frozenset({State.RECTIFYING, State.CLOSED, State.BANNED, State.EXITED}),
    State.RECTIFYING: frozenset({State.APPROVED, State.CLOSED, State.BANNED, State.EXITED}),
    State.CLOSED: frozenset({State.RECTIFYING, State.BANNED, State.EXITED}),
    State.BANNED: frozenset(),
    State.EXITED: frozenset(),
}
K9 = frozenset({AgeGroup.PRIMARY, AgeGroup.JUNIOR_SECONDARY})


class DomainError(Exception):
    """A request the rules refuse; the message says why, in the user's language first."""


class NotAllowed(DomainError):
    pass


class WrongState(DomainError):
    pass


def read_scope(principal: Principal) -> dict[str, str] | None:
    """Column filters bounding which institutions `principal` sees; None means city-wide."""
    if principal.has_any_role(CITY_WIDE_ROLES):
        return None
    if "grid_worker" in principal.roles:
        return {"grid": principal.grid or "-", "township": principal.township or "-"}
    if "township_officer" in principal.roles:
        return {"township": principal.township or "-", "district": principal.district or "-"}
    return {"district": principal.district or "-"}


def responsible_department(institution: InstitutionData) -> Department | None:
    """Education answers for subject tutoring; otherwise the assigned supervising department."""
    if institution.category == Category.SUBJECT:
        return Department.EDUCATION
    return institution.supervising_department


def remit_problem(principal: Principal, institution: InstitutionData) -> str | None:
    """Why `principal` may not change `institution` (bilingual), or None when they may."""
    if "admin" in principal.roles:
        return None
    if principal.district and principal.district != institution.district:
        return f"不在本辖区 (institution is in district {institution.district}, not {principal.district})"
    if "district_officer" in principal.roles and principal.district:
        return None
    if principal.has_any_role(DEPARTMENT_ROLES) and principal.district:
        responsible = responsible_department(institution)
        if responsible is not None and principal.department == responsible.value:
            return None
        return (
            f"不属本部门主管 (only the {responsible or 'assigned'} department may change it; "
            f"you are {principal.department})"
        )
    return f"无权修改机构 (changing institutions needs one of: {', '.join(sorted(EDITOR_ROLES))})"


def require_remit(principal: Principal, institution: InstitutionData) -> None:
    if problem := remit_problem(principal, institution):
        raise NotAllowed(problem)


def change_state(
    institution_id: str,
    institution: InstitutionData,
    to: State,
    *,
    reason: str,
    by: Principal,
    now: datetime,
) -> InstitutionLifecycleChanged:
    """Move an institution along its lifecycle, refusing what policy forbids."""
    require_remit(by, institution)
    if to not in TRANSITIONS[institution.state]:
        allowed = ", ".join(sorted(TRANSITIONS[institution.state])) or "none"
        raise WrongState(
            f"不能从 {institution.state} 变更为 {to} (allowed from {institution.state}: {allowed})"
        )
    if to == State.APPROVED and institution.state == State.PENDING:
        if institution.age_group == AgeGroup.PRESCHOOL:
            raise WrongState(
                "不得审批面向学龄前儿童的培训机构 (no institution for pre-school children may be approved)"
            )
        if institution.category == Category.SUBJECT and institution.age_group in K9:
            raise WrongState(
                "不再审批新的义务教育阶段学科类培训机构 (no new K-9 subject institution may be approved)"
            )
    if to == State.EXITED and institution.unsettled_prepaid_yuan > 0:
        raise WrongState(
            f"预收费未清退，不能退出 (exit needs prepaid funds settled; "
            f"{institution.unsettled_prepaid_yuan:g} yuan still unsettled)"
        )
    return InstitutionLifecycleChanged(
        institution_id=institution_id,
        from_state=institution.state.value,
        to_state=to.value,
        reason=reason,
        changed_by=by.username,
        changed_at=now,
    )
