"""Inspected units: schools by level, institutions by category, and where each one is."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from contracts.events.inspections import UnitKind
from contracts.events.institutions import InstitutionRegistered
from contracts.vocabulary import Department, InstitutionCategory

SCHOOL_KINDS = frozenset({UnitKind.PRIMARY_SCHOOL, UnitKind.JUNIOR_SCHOOL})
INSTITUTION_KINDS = frozenset({UnitKind.SUBJECT_INSTITUTION, UnitKind.NON_SUBJECT_INSTITUTION})
UNIT_KIND_NAMES: dict[UnitKind, str] = {
    UnitKind.PRIMARY_SCHOOL: "小学",
    UnitKind.JUNIOR_SCHOOL: "初中",
    UnitKind.SUBJECT_INSTITUTION: "学科类培训机构",
    UnitKind.NON_SUBJECT_INSTITUTION: "非学科类培训机构",
}
# A non-subject institution's supervising department tells the whistle which kind it is.
_CATEGORY_OF_DEPARTMENT = {
    Department.SPORTS: InstitutionCategory.SPORTS,
    Department.CULTURE_TOURISM: InstitutionCategory.CULTURE_ARTS,
    Department.SCIENCE_TECHNOLOGY: InstitutionCategory.SCIENCE_TECHNOLOGY,
}


class Applicability(StrEnum):
    """Which units a checklist item is for."""

    SCHOOL = "school"
    SUBJECT = "subject"
    NON_SUBJECT = "non_subject"


APPLICABILITY_OF: dict[UnitKind, Applicability] = {
    UnitKind.PRIMARY_SCHOOL: Applicability.SCHOOL,
    UnitKind.JUNIOR_SCHOOL: Applicability.SCHOOL,
    UnitKind.SUBJECT_INSTITUTION: Applicability.SUBJECT,
    UnitKind.NON_SUBJECT_INSTITUTION: Applicability.NON_SUBJECT,
}


class UnitData(BaseModel):
    """A school or institution an inspector may be listed for."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    unit_id: str
    unit_kind: UnitKind
    unit_code: str
    unit_name: str
    address: str
    district: str
    township: str
    grid: str
    institution_id: str | None = None
    routing_category: InstitutionCategory | None = None


def school_unit_id(code: str) -> str:
    """A school's id here: it is named by its code, not by a registry id."""
    return f"school-{code}"


def unit_from_registration(event: InstitutionRegistered) -> UnitData | None:
    """A training institution the registry announced; schools come with their level by import."""
    if event.kind != "training_institution":
        return None
    subject = event.category == "subject"
    return UnitData(
        unit_id=event.institution_id,
        unit_kind=UnitKind.SUBJECT_INSTITUTION if subject else UnitKind.NON_SUBJECT_INSTITUTION,
        unit_code=event.credit_code,
        unit_name=event.name,
        address="",
        district=event.district,
        township=event.township,
        grid=event.grid,
        institution_id=event.institution_id,
        routing_category=InstitutionCategory.SUBJECT
        if subject
        else _CATEGORY_OF_DEPARTMENT.get(
            event.supervising_department or Department.EDUCATION, InstitutionCategory.OTHER
        ),
    )
