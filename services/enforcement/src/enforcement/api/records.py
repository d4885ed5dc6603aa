"""What reached the caller (notifications) and the departments' accountability records."""

from __future__ import annotations

from fastapi import APIRouter

from enforcement.api.guards import AccountabilityReader, CaseReader
from enforcement.api.models import AccountabilityPublic, NotificationPublic
from enforcement.service import records
from govkit.http import Page, PageDep, UowDep

router = APIRouter(tags=["notifications and accountability"])


@router.get("/notifications", response_model=Page[NotificationPublic])
def read_notifications(reader: CaseReader, page: PageDep, uow: UowDep):
    """Reminders, escalations, requests and rework that reached the caller, newest first."""
    rows, count = records.notifications(reader, page, uow)
    return Page[NotificationPublic](data=rows, count=count)


@router.get("/accountability", response_model=Page[AccountabilityPublic])
def read_accountability(reader: AccountabilityReader, page: PageDep, uow: UowDep):
    """督办单 / 通报 / 约谈 / 问责 issued: a department lead sees their department's."""
    rows, count = records.accountability(reader, page, uow)
    return Page[AccountabilityPublic](data=rows, count=count)
