"""The rectification workflow's commands, each applied once and announced.

A command is entered in the order's history under its own id, so a command sent twice (a
retried activity, a redelivery) changes nothing the second time; each rung of the ladder is
recorded once per order. Commands for an order that is closed or unknown change nothing.
"""

from __future__ import annotations

import logging

from contracts.events import (
    OrderDeadlineSet,
    OrderEscalated,
    OrderReminded,
    RecordOrderEscalation,
    ReinspectionScheduled,
    ScheduleReinspection,
    SendOrderReminder,
    SetOrderDeadline,
)
from inspections.domain.orders import OPEN_STATUSES, OrderStatus
from inspections.service.common import Uow
from inspections.service.history import enter
from inspections.store.tables import Order

log = logging.getLogger(__name__)
WORKFLOW = "rectification-workflow"


def _open_order(order_id: str, command_id: str, uow: Uow) -> Order | None:
    """The order the command is for, unless it is unknown, closed, or the command was applied."""
    order = uow.repo.order(order_id)
    if order is None or OrderStatus(order.status) not in OPEN_STATUSES:
        log.info("command %s for order %s: no open order, nothing to do", command_id, order_id)
        return None
    return None if uow.repo.entry(command_id) is not None else order


def set_deadline(command: SetOrderDeadline, uow: Uow) -> None:
    order = _open_order(command.order_id, command.change_id, uow)
    if order is None:
        return
    order.deadline = command.deadline
    enter(
        order,
        "deadline",
        WORKFLOW,
        uow,
        entry_id=command.change_id,
        note=command.reason,
        deadline=command.deadline,
    )
    uow.emit(
        OrderDeadlineSet(
            change_id=command.change_id,
            order_id=order.order_id,
            unit_id=order.unit_id,
            deadline=command.deadline,
            reason=command.reason,
            set_at=uow.now,
        )
    )


def remind(command: SendOrderReminder, uow: Uow) -> None:
    order = _open_order(command.order_id, command.reminder_id, uow)
    if order is None:
        return
    enter(order, "reminder", WORKFLOW, uow, entry_id=command.reminder_id, deadline=command.deadline)
    uow.emit(
        OrderReminded(
            reminder_id=command.reminder_id,
            order_id=order.order_id,
            unit_id=order.unit_id,
            deadline=command.deadline,
            reminded_at=uow.now,
        )
    )


def escalate(command: RecordOrderEscalation, uow: Uow) -> None:
    """One rung of 督办单 → 通报 → 约谈 → 问责, once per order however often it is sent."""
    order = _open_order(command.order_id, command.escalation_id, uow)
    if order is None:
        return
    if any(e.rung == command.rung.value for e in uow.repo.entries(order.order_id)):
        log.info("order %s already reached %s", order.order_id, command.rung.value)
        return
    enter(
        order,
        "escalation",
        WORKFLOW,
        uow,
        entry_id=command.escalation_id,
        note=command.reason,
        rung=command.rung.value,
        level=command.level,
        deadline=command.missed_deadline,
    )
    uow.emit(
        OrderEscalated(
            escalation_id=command.escalation_id,
            order_id=order.order_id,
            unit_id=order.unit_id,
            district=order.district,
            township=order.township,
            rung=command.rung,
            level=command.level,
            missed_deadline=command.missed_deadline,
            reason=command.reason,
            escalated_at=uow.now,
        )
    )


def schedule_reinspection(command: ScheduleReinspection, uow: Uow) -> None:
    """A 复查 task for the inspectors listed for the unit, due by the workflow's time."""
    order = _open_order(command.order_id, command.task_id, uow)
    if order is None or order.status != OrderStatus.AWAITING_REINSPECTION.value:
        return
    order.reinspection_due_by = command.due_by
    enter(
        order,
        "reinspection_scheduled",
        WORKFLOW,
        uow,
        entry_id=command.task_id,
        deadline=command.due_by,
    )
    uow.emit(
        ReinspectionScheduled(
            task_id=command.task_id,
            order_id=order.order_id,
            unit_id=order.unit_id,
            due_by=command.due_by,
            scheduled_at=uow.now,
        )
    )
