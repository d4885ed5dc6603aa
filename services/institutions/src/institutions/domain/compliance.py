"""The compliance rules (seed 003, checklist items 15-25) as pure, parameterised functions.

Each rule looks at one institution on one day and returns evidence of a violation, or None.
Limits, vacations and severities are data (`data/compliance.json`, read by `institutions.rules`);
holidays and make-up working days come from the shared working calendar, whose years
administrators load.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from contracts.vocabulary import Severity
from govkit.calendar import WorkingCalendar
from institutions.domain.model import Category, InstitutionData, Kind, State
from institutions.domain.parts import Period


@dataclass(frozen=True)
class Vacation:
    name: str
    first: date
    last: date


@dataclass(frozen=True)
class ComplianceParameters:
    latest_end: time
    max_months_per_charge: int
    max_lessons_per_charge: int
    max_amount_per_charge_yuan: float
    lookahead_days: int
    school_vacations: tuple[Vacation, ...]
    severity: dict[str, Severity]

    def vacation_on(self, day: date) -> Vacation | None:
        return next((v for v in self.school_vacations if v.first <= day <= v.last), None)


def parameters_from(raw: Mapping[str, Any]) -> ComplianceParameters:
    """Rule parameters from their data (`institutions/data/compliance.json`, already parsed)."""
    parameters = ComplianceParameters(
        latest_end=time.fromisoformat(raw["latest_end"]),
        max_months_per_charge=int(raw["max_months_per_charge"]),
        max_lessons_per_charge=int(raw["max_lessons_per_charge"]),
        max_amount_per_charge_yuan=float(raw["max_amount_per_charge_yuan"]),
        lookahead_days=int(raw["lookahead_days"]),
        school_vacations=tuple(
            Vacation(v["name"], date.fromisoformat(v["first"]), date.fromisoformat(v["last"]))
            for v in raw["school_vacations"]
        ),
        severity={rule: Severity(level) for rule, level in raw["severity"].items()},
    )
    if missing := set(RULES) - parameters.severity.keys():
        raise ValueError(f"compliance.json has no severity for rules: {sorted(missing)}")
    return parameters


@dataclass(frozen=True)
class Context:
    """What a rule may look at besides the institution: parameters, calendar and today."""

    parameters: ComplianceParameters
    calendar: WorkingCalendar
    today: date


@dataclass(frozen=True)
class RuleBook:
    """The parameters and calendar one change is checked with."""

    parameters: ComplianceParameters
    calendar: WorkingCalendar

    def context(self, now: datetime) -> Context:
        """The rules' view of `now`: today is the local date in the calendar's time zone."""
        today = now.astimezone(ZoneInfo(self.calendar.timezone)).date()
        return Context(self.parameters, self.calendar, today)


@dataclass(frozen=True)
class Finding:
    rule: str
    evidence: str
    severity: Severity


Rule = Callable[[InstitutionData, Context], str | None]


def training_hours(institution: InstitutionData, context: Context) -> str | None:
    """Offline training ends by 20:30 (ending exactly at 20:30 is allowed)."""
    late = [c for c in institution.courses if c.end > context.parameters.latest_end]
    if not late:
        return None
    listed = ", ".join(f"{c.name} {c.weekday} {c.end:%H:%M}" for c in late)
    return f"培训结束晚于{context.parameters.latest_end:%H:%M} (courses end too late: {listed})"


def training_day_allowed(day: date, context: Context) -> bool:
    """Subject training may run on a working day outside school vacations (调休 Saturdays too)."""
    return context.calendar.is_working_day(day) and context.parameters.vacation_on(day) is None


def subject_rest_days(institution: InstitutionData, context: Context) -> str | None:
    """No subject training on weekends, statutory holidays or school vacations."""
    if institution.category != Category.SUBJECT:
        return None
    problems = [
        f"{c.name}: 寒暑假课程 (holiday-period course)"
        for c in institution.courses
        if c.period == Period.HOLIDAY
    ]
    window = [
        context.today + timedelta(days=n) for n in range(context.parameters.lookahead_days + 1)
    ]
    for course in (c for c in institution.courses if c.period == Period.TERM):
        # A term course does not run in a vacation; on any other day it must be a working day.
        days = [
            d
            for d in window
            if d.weekday() == course.weekday.number and context.parameters.vacation_on(d) is None
        ]
        rest = [d for d in days if not training_day_allowed(d, context)]
        if rest:
            shown = ", ".join(d.isoformat() for d in rest[:3])
            problems.append(f"{course.name}: 休息日上课 (on rest days {shown})")
    if not problems:
        return None
    return "学科类培训占用节假日、休息日或寒暑假 (subject training on rest days): " + "; ".join(
        problems
    )


def charge_limits(institution: InstitutionData, context: Context) -> str | None:
    """One charge covers at most 3 months or 60 lessons, and at most 5,000 yuan."""
    p = context.parameters
    over = [
        f"{f.amount_yuan:g}元/{f.lessons}课时/{f.months}个月"
        for f in institution.fee_plans
        if f.months > p.max_months_per_charge
        or f.lessons > p.max_lessons_per_charge
        or f.amount_yuan > p.max_amount_per_charge_yuan
    ]
    if not over:
        return None
    return (
        f"一次性收费超过{p.max_months_per_charge}个月、{p.max_lessons_per_charge}课时或"
        f"{p.max_amount_per_charge_yuan:g}元 (charges over the limit: {', '.join(over)})"
    )


def prepaid_supervision(institution: InstitutionData, context: Context) -> str | None:
    """Prepaid fees sit in a supervised bank account."""
    if institution.fund_account or not any(f.prepaid for f in institution.fee_plans):
        return None
    return "预收费未纳入资金监管账户 (prepaid fees but no supervised fund account)"


def serving_teachers(institution: InstitutionData, context: Context) -> str | None:
    """Serving school teachers may not teach at an institution."""
    names = [s.name for s in institution.staff if s.serving_school_teacher]
    return (
        f"聘用在职中小学教师 (serving school teachers on staff: {', '.join(names)})"
        if names
        else None
    )


def teacher_qualification(institution: InstitutionData, context: Context) -> str | None:
    """Teachers hold a teaching qualification."""
    names = [s.name for s in institution.staff if not s.teaching_qualification]
    return (
        f"教师无教师资格证 (teachers without qualification: {', '.join(names)})" if names else None
    )


def supervising_department(institution: InstitutionData, context: Context) -> str | None:
    """Someone is responsible: a supervising department is assigned (some kinds have none yet)."""
    if institution.supervising_department is not None:
        return None
    return "未明确主管部门 (no supervising department assigned)"


def licences(institution: InstitutionData, context: Context) -> str | None:
    """Both licences are present and still valid today."""
    problems: list[str] = []
    for label, number, until in (
        (
            "办学许可证 school licence",
            institution.school_licence_no,
            institution.school_licence_valid_until,
        ),
        (
            "营业执照 business licence",
            institution.business_licence_no,
            institution.business_licence_valid_until,
        ),
    ):
        if not number:
            problems.append(f"无{label}")
        elif until is not None and until < context.today:
            problems.append(f"{label} 已于 {until} 过期 (expired)")
    return "证照不全或过期 (licences): " + "; ".join(problems) if problems else None


def non_profit_registration(institution: InstitutionData, context: Context) -> str | None:
    """Subject institutions are registered as non-profit."""
    if institution.category != Category.SUBJECT or institution.non_profit:
        return None
    return "学科类机构未登记为非营利性 (subject institution not registered as non-profit)"


RULES: dict[str, Rule] = {
    rule.__name__: rule
    for rule in (
        training_hours,
        subject_rest_days,
        charge_limits,
        prepaid_supervision,
        serving_teachers,
        teacher_qualification,
        supervising_department,
        licences,
        non_profit_registration,
    )
}
# Closed, banned and exited institutions no longer train; schools are inspected, not licensed.
_CHECKED_STATES = frozenset({State.PENDING, State.APPROVED, State.RECTIFYING})


def evaluate(institution: InstitutionData, context: Context) -> list[Finding]:
    """Every rule the institution breaks today, in rule order."""
    if institution.kind != Kind.TRAINING_INSTITUTION or institution.state not in _CHECKED_STATES:
        return []
    findings: list[Finding] = []
    for name, rule in RULES.items():
        evidence = rule(institution, context)
        if evidence is not None:
            findings.append(Finding(name, evidence, context.parameters.severity[name]))
    return findings
