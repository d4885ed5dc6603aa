"""What reached the caller (notifications) and the departments' accountability records."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from enforcement.api.common import Reader
from enforcement.api.models import AccountabilityPublic, NotificationPublic, Page
from enforcement.domain import access
from enforcement.store.queries import accountability_records, notifications_for
from govkit.auth import require_roles
from govkit.deps import RuntimeDep
from govkit.principal import Principal

router = APIRouter(tags=["notifications and accountability"])

AccountabilityReader = Annotated[
    Principal, Depends(require_roles("department_lead", "district_officer", "leader", "admin"))
]


@router.get("/notifications", response_model=Page[NotificationPublic])
def read_notifications(
    reader: Reader,
    runtime: RuntimeDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    """Reminders, escalations, disputes and pause requests that reached the caller, newest first."""
    with runtime.session() as session:
        rows, count = notifications_for(session, reader, offset=offset, limit=limit)
    return Page[NotificationPublic](
        data=[NotificationPublic.model_validate(r) for r in rows], count=count
    )


@router.get("/accountability", response_model=Page[AccountabilityPublic])
def read_accountability(
    reader: AccountabilityReader,
    runtime: RuntimeDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    """督办单 / 通报 / 约谈 / 问责 issued: a department lead sees their department's."""
    with runtime.session() as session:
        rows, count = accountability_records(
            session, scope=access.task_scope(reader), offset=offset, limit=limit
        )
    return Page[AccountabilityPublic](
        data=[AccountabilityPublic.model_validate(r) for r in rows], count=count
    )
