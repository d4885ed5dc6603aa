"""The lifecycle: which state may follow which, and what policy refuses along the way."""

from __future__ import annotations

from datetime import date, datetime

from contracts.events import InstitutionLifecycleChanged
from govkit.errors import WrongState
from govkit.principal import Principal
from institutions.domain.access import require_remit
from institutions.domain.model import AgeGroup, Category, InstitutionData, ListStatus, State

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
OFF_THE_WHITE_LIST = frozenset({State.CLOSED, State.BANNED, State.EXITED})
"""No longer open to parents: a white list entry (白名单) ends when the institution enters one."""


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


def after_change(
    institution: InstitutionData, to: State, *, reason: str, today: date
) -> InstitutionData:
    """The institution in its new state, and on the list that state puts it on: a ban (取缔)
    enters the black list (黑名单) with the ban's reason; a closure (关停) or exit takes it off
    the white list. Anything else leaves the lists as they are."""
    changes: dict[str, object] = {"state": to}
    if to == State.BANNED:
        changes |= {"list_status": ListStatus.BLACK, "list_reason": reason, "list_date": today}
    elif to in OFF_THE_WHITE_LIST and institution.list_status == ListStatus.WHITE:
        changes |= {"list_status": ListStatus.NONE, "list_reason": None, "list_date": None}
    return institution.model_copy(update=changes)
