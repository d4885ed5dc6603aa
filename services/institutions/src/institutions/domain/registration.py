"""Registering and editing an institution: what the rules refuse and what each change announces."""

from __future__ import annotations

from datetime import datetime

from contracts.events import InstitutionChanged, InstitutionRegistered
from govkit.errors import WrongState
from govkit.principal import Principal
from institutions.domain.access import require_remit
from institutions.domain.model import InstitutionData, State


class CodeTaken(WrongState):
    """Another institution already holds this credit code."""

    def __init__(self, code: str) -> None:
        super().__init__(f"该代码已登记 ({code} is already registered)")


def application(data: InstitutionData, by: Principal) -> InstitutionData:
    """A new registration by hand, within the caller's remit: it starts awaiting approval (待审批)."""
    pending = data.model_copy(update={"state": State.PENDING})
    require_remit(by, pending)
    return pending


def registered(
    institution_id: str, data: InstitutionData, *, by: Principal, now: datetime
) -> InstitutionRegistered:
    return InstitutionRegistered(
        institution_id=institution_id,
        credit_code=data.credit_code,
        name=data.name,
        kind=data.kind.value,
        category=data.category.value,
        supervising_department=data.supervising_department,
        state=data.state.value,
        district=data.district,
        township=data.township,
        grid=data.grid,
        registered_by=by.username,
        registered_at=now,
        address=data.address,
        fund_account=data.fund_account,
        legal_representative=data.legal_representative,
    )


def edited(
    institution_id: str,
    before: InstitutionData,
    after: InstitutionData,
    *,
    by: Principal,
    now: datetime,
) -> InstitutionChanged | None:
    """The fields an edit changes (None if it changes nothing); the state is not one of them."""
    # Both sides: an officer may neither change nor hand over what is outside their remit.
    require_remit(by, before)
    require_remit(by, after)
    if after.state != before.state:
        raise WrongState(
            f"状态须通过生命周期变更 (state stays {before.state}; use POST …/lifecycle to change it)"
        )
    fields = sorted(
        k for k in InstitutionData.model_fields if getattr(before, k) != getattr(after, k)
    )
    if not fields:
        return None
    return InstitutionChanged(
        institution_id=institution_id,
        fields=fields,
        changed_by=by.username,
        changed_at=now,
        legal_representative=after.legal_representative,
    )
