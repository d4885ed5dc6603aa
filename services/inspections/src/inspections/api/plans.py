"""督导计划: plans of routine, special, precision, joint and unannounced inspections."""

from __future__ import annotations

from fastapi import APIRouter, status

from govkit.http import Page, PageDep, UowDep
from inspections.api.models import PlanPublic
from inspections.api.shared import Organiser, Reader
from inspections.domain.plans import PlanData
from inspections.service import plans

router = APIRouter(prefix="/plans", tags=["plans"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=PlanPublic)
def create_plan(data: PlanData, organiser: Organiser, uow: UowDep):
    return plans.create_plan(plans.CreatePlan(data, organiser), uow)


@router.get("", response_model=Page[PlanPublic])
def read_plans(reader: Reader, page: PageDep, uow: UowDep):
    rows, count = plans.plans(reader, page, uow)
    return Page[PlanPublic](data=rows, count=count)
