"""Shared vocabulary: incident types, departments and outcomes, with their Chinese names."""

from __future__ import annotations

from enum import StrEnum


class IncidentType(StrEnum):
    UNLICENSED_SCHOOL = "unlicensed_school"
    DISGUISED_SUBJECT_TRAINING = "disguised_subject_training"
    OUT_OF_HOURS_TRAINING = "out_of_hours_training"
    OVERCHARGING = "overcharging"
    INSTITUTION_COLLAPSE = "institution_collapse"
    CROWD_GATHERING = "crowd_gathering"
    FIRE_HAZARD = "fire_hazard"
    ILLEGAL_ADVERTISEMENT = "illegal_advertisement"
    SERVING_TEACHER_TUTORING = "serving_teacher_tutoring"
    UNQUALIFIED_STAFF = "unqualified_staff"
    COMPLAINT_TIP = "complaint_tip"


INCIDENT_TYPE_NAMES: dict[IncidentType, str] = {
    IncidentType.UNLICENSED_SCHOOL: "无证办学",
    IncidentType.DISGUISED_SUBJECT_TRAINING: "隐形变异学科类培训",
    IncidentType.OUT_OF_HOURS_TRAINING: "节假日或20:30后培训",
    IncidentType.OVERCHARGING: "超期超额收费/预收费风险",
    IncidentType.INSTITUTION_COLLAPSE: "机构爆雷、卷款跑路",
    IncidentType.CROWD_GATHERING: "家长聚集维权（涉稳）",
    IncidentType.FIRE_HAZARD: "消防安全隐患",
    IncidentType.ILLEGAL_ADVERTISEMENT: "违规培训广告",
    IncidentType.SERVING_TEACHER_TUTORING: "在职教师有偿补课",
    IncidentType.UNQUALIFIED_STAFF: "从业人员无资质",
    IncidentType.COMPLAINT_TIP: "投诉举报线索",
}


class Department(StrEnum):
    EDUCATION = "education"
    MARKET_SUPERVISION = "market_supervision"
    FIRE_SAFETY = "fire_safety"
    PUBLIC_SECURITY = "public_security"
    CIVIL_AFFAIRS = "civil_affairs"
    CULTURE_TOURISM = "culture_tourism"
    SPORTS = "sports"
    SCIENCE_TECHNOLOGY = "science_technology"
    HUMAN_RESOURCES = "human_resources"
    LAW_ENFORCEMENT = "law_enforcement"
    FINANCIAL_SUPERVISION = "financial_supervision"


DEPARTMENT_NAMES: dict[Department, str] = {
    Department.EDUCATION: "教育局",
    Department.MARKET_SUPERVISION: "市场监管局",
    Department.FIRE_SAFETY: "消防救援",
    Department.PUBLIC_SECURITY: "公安",
    Department.CIVIL_AFFAIRS: "民政",
    Department.CULTURE_TOURISM: "文旅",
    Department.SPORTS: "体育",
    Department.SCIENCE_TECHNOLOGY: "科技",
    Department.HUMAN_RESOURCES: "人社",
    Department.LAW_ENFORCEMENT: "综合执法",
    Department.FINANCIAL_SUPERVISION: "金融监管",
}


class InstitutionCategory(StrEnum):
    """What kind of institution an incident is at, as far as routing cares (学科类 or its kind)."""

    SUBJECT = "subject"
    SPORTS = "sports"
    CULTURE_ARTS = "culture_arts"
    SCIENCE_TECHNOLOGY = "science_technology"
    OTHER = "other"


class Severity(StrEnum):
    """How fast the handling clock (处置时限) runs."""

    URGENT = "urgent"
    NORMAL = "normal"
    COMPLEX = "complex"


class TaskOutcome(StrEnum):
    """What a department did on site (联合执法 outcomes)."""

    RECTIFICATION_ORDERED = "rectification_ordered"
    CLOSURE_ORDERED = "closure_ordered"
    BANNED = "banned"
    FINED = "fined"
    ADVERTISEMENT_REMOVED = "advertisement_removed"
    NO_VIOLATION_FOUND = "no_violation_found"


class TaskStatus(StrEnum):
    """Where one department's task stands. Enforcement decides every change; the whistle
    workflow and every reader take the status from the event that announces it."""

    DISPATCHED = "dispatched"  # waiting for 报到 (DepartmentTaskDispatched)
    ACKNOWLEDGED = "acknowledged"  # reported for duty, handling (TaskAcknowledged)
    DISPUTED = "disputed"  # the township is to rule (TaskDisputed)
    FED_BACK = "fed_back"  # outcome submitted; the township may send it back (TaskOutcomeSubmitted)
    CLOSED = "closed"  # its case was verified and closed (CaseClosed); a re-opening sends it back
    REASSIGNED = "reassigned"  # a dispute was ruled for another department (DisputeRuled)
    RELEASED = "released"  # the township took the department off the case (DepartmentReleased)

    @classmethod
    def _missing_(cls, value: object) -> TaskStatus | None:
        """`handled`, the old name of `fed_back`, still reads: old clients, old workflow state."""
        return cls.FED_BACK if value == "handled" else None


TASK_ENDED = frozenset({TaskStatus.REASSIGNED, TaskStatus.RELEASED})
"""No longer on the case: the department was reassigned away or released."""


class Clock(StrEnum):
    """The deadlines a whistle runs: 报到 and 处置 for departments, 裁定 for the township."""

    ACKNOWLEDGE = "acknowledge"
    HANDLE = "handle"
    RULING = "ruling"


class EscalationTarget(StrEnum):
    """The rungs of the escalation ladder, lowest first."""

    DEPARTMENT_LEAD = "department_lead"
    DISTRICT_OFFICE = "district_office"
    CITY_LEADERSHIP = "city_leadership"


class DisputeRuling(StrEnum):
    INSIST = "insist"
    REASSIGN = "reassign"


class PauseReason(StrEnum):
    """Typed reasons a handling clock may stop (挂起), approved by the township."""

    LEGAL_PROCEDURE = "legal_procedure"
    EXPERT_APPRAISAL = "expert_appraisal"
    AWAITING_OTHER_AUTHORITY = "awaiting_other_authority"
    FORCE_MAJEURE = "force_majeure"


class ReporterRole(StrEnum):
    """Who reported an incident, and so who confirms on site (核查) that its case is solved."""

    GRID_WORKER = "grid_worker"  # the reporting grid's workers confirm
    TOWNSHIP_OFFICER = "township_officer"  # a township's own whistle: the township confirms


class Satisfaction(StrEnum):
    """The reporter's rating of how a closed case was handled (评价)."""

    SATISFIED = "satisfied"  # 满意
    BASICALLY_SATISFIED = "basically_satisfied"  # 基本满意
    DISSATISFIED = "dissatisfied"  # 不满意: needs a reason; the township may re-open the case


class ReopenCause(StrEnum):
    """Why a closed case went back to its departments."""

    NOT_SOLVED = "not_solved"  # the on-site confirmation found the problem still there
    DISSATISFIED = "dissatisfied"  # the township re-opened it after a 不满意


class AccountabilityMeasure(StrEnum):
    """The accountability ladder, mildest first: 督办单 → 通报 → 约谈 → 问责."""

    SUPERVISION_NOTICE = "supervision_notice"
    PUBLIC_NOTICE = "public_notice"
    FORMAL_TALK = "formal_talk"
    DISCIPLINARY_ACCOUNTABILITY = "disciplinary_accountability"
