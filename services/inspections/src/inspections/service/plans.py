"""督导计划: the district office plans routine, special, precision, joint and unannounced rounds."""

from __future__ import annotations

from dataclasses import dataclass

from govkit.errors import NotAllowed
from govkit.http import PageParams
from govkit.principal import Principal
from inspections.domain.access import organiser_district, reach_of
from inspections.domain.plans import PlanData
from inspections.service.common import Uow
from inspections.store.tables import Plan


@dataclass(frozen=True)
class CreatePlan:
    data: PlanData
    organiser: Principal


def create_plan(command: CreatePlan, uow: Uow) -> Plan:
    district = organiser_district(command.organiser, command.data.district)
    if district is None:
        raise NotAllowed("只能为本区制定计划 (plan for your own district; an admin names one)")
    with uow:
        data = command.data
        plan = Plan(
            plan_id=uow.new_id(),
            kind=data.kind.value,
            title=data.title,
            district=district,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            focus=data.focus,
            departments=[d.value for d in data.departments],
            created_by=command.organiser.username,
            created_at=uow.now,
        )
        uow.repo.add(plan)
        uow.commit()
    return plan


def plans(reader: Principal, page: PageParams, uow: Uow) -> tuple[list[Plan], int]:
    with uow:
        return uow.repo.plans(reach_of(reader), page)
