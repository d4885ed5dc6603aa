"""What reached the caller (notifications) and the departments' accountability records."""

from __future__ import annotations

from enforcement.domain import access
from enforcement.service.common import Uow
from enforcement.store.tables import AccountabilityRecord, Notification
from govkit.http import PageParams
from govkit.principal import Principal


def notifications(reader: Principal, page: PageParams, uow: Uow) -> tuple[list[Notification], int]:
    """Reminders, escalations, requests and rework that reached the reader, newest first."""
    with uow:
        return uow.repo.notifications_for(reader, page)


def accountability(
    reader: Principal, page: PageParams, uow: Uow
) -> tuple[list[AccountabilityRecord], int]:
    """督办单 / 通报 / 约谈 / 问责 issued in the reader's scope, newest first."""
    with uow:
        return uow.repo.accountability_records(access.task_scope(reader), page)
