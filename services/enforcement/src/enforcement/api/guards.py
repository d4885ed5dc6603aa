"""Who may call which route: the role check before any use case runs (403 otherwise)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from enforcement.domain import access
from govkit.auth import require_roles
from govkit.principal import DEPARTMENT_ROLES, Principal

Reader = Annotated[Principal, Depends(require_roles(access.TASK_READER_ROLES))]
CaseReader = Annotated[Principal, Depends(require_roles(access.CASE_READER_ROLES))]
Reporter = Annotated[Principal, Depends(require_roles(access.REPORTER_ROLES))]
DepartmentOfficer = Annotated[Principal, Depends(require_roles(DEPARTMENT_ROLES))]
TownshipOfficer = Annotated[Principal, Depends(require_roles(access.TOWNSHIP_ROLES))]
DepartmentOrTownship = Annotated[
    Principal, Depends(require_roles(DEPARTMENT_ROLES, access.TOWNSHIP_ROLES))
]
AccountabilityReader = Annotated[
    Principal, Depends(require_roles(access.ACCOUNTABILITY_READER_ROLES))
]
