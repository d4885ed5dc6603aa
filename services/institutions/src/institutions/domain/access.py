"""Who may read which institutions, and who may change which: the department's remit."""

from __future__ import annotations

from contracts.vocabulary import Department
from govkit.errors import NotAllowed
from govkit.principal import CITY, CITY_WIDE_ROLES, DEPARTMENT_ROLES, Principal, Role, Scope
from institutions.domain.model import Category, InstitutionData

EDITOR_ROLES = DEPARTMENT_ROLES | {Role.DISTRICT_OFFICER, Role.ADMIN}
READER_ROLES = EDITOR_ROLES | {Role.GRID_WORKER, Role.TOWNSHIP_OFFICER, Role.INSPECTOR, Role.LEADER}


def read_scope(principal: Principal) -> Scope:
    """The city for leaders; a grid worker's grid, a township, or the district for the others."""
    if principal.has_any_role(CITY_WIDE_ROLES):
        return CITY
    if principal.has_role(Role.GRID_WORKER):
        return Scope.bounded(grid=principal.grid, township=principal.township)
    if principal.has_role(Role.TOWNSHIP_OFFICER):
        return Scope.bounded(township=principal.township, district=principal.district)
    return Scope.bounded(district=principal.district)


def responsible_department(institution: InstitutionData) -> Department | None:
    """Education answers for subject tutoring; otherwise the assigned supervising department."""
    if institution.category == Category.SUBJECT:
        return Department.EDUCATION
    return institution.supervising_department


def remit_problem(principal: Principal, institution: InstitutionData) -> str | None:
    """Why `principal` may not change `institution` (bilingual), or None when they may."""
    if principal.has_role(Role.ADMIN):
        return None
    if principal.district and principal.district != institution.district:
        return f"不在本辖区 (institution is in district {institution.district}, not {principal.district})"
    if principal.has_role(Role.DISTRICT_OFFICER) and principal.district:
        return None
    if principal.has_any_role(DEPARTMENT_ROLES) and principal.district:
        responsible = responsible_department(institution)
        if responsible is not None and principal.department == responsible.value:
            return None
        return (
            f"不属本部门主管 (only the {responsible or 'assigned'} department may change it; "
            f"you are {principal.department})"
        )
    return f"无权修改机构 (changing institutions needs one of: {', '.join(sorted(EDITOR_ROLES))})"


def require_remit(principal: Principal, institution: InstitutionData) -> None:
    if problem := remit_problem(principal, institution):
        raise NotAllowed(problem)
