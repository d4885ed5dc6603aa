"""Cases: the inbox, the full record, and the township's decisions on the whole case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from contracts.events import Message
from enforcement.domain import access, township
from enforcement.domain.filters import CaseFilters
from enforcement.domain.requests import CallDepartments, JointActionPlan, OutcomeReport
from enforcement.service.common import Uow, emit_and_apply, joint_action_on, visible_case
from enforcement.store.tables import Case, DepartmentTask, JointAction, TimelineEntry
from govkit.http import PageParams
from govkit.principal import Principal


@dataclass(frozen=True)
class OnCase:
    """Someone acting on one case."""

    case_id: str
    caller: Principal


@dataclass(frozen=True)
class CallMoreDepartments(OnCase):
    request: CallDepartments


@dataclass(frozen=True)
class ScheduleJointAction(OnCase):
    plan: JointActionPlan


@dataclass(frozen=True)
class RecordJointAction(OnCase):
    action_id: str
    report: OutcomeReport


@dataclass(frozen=True)
class CaseRecord:
    """A case with its department tasks, joint actions and full timeline."""

    case: Case
    tasks: list[DepartmentTask]
    joint_actions: list[JointAction]
    timeline: list[TimelineEntry]


def cases(
    reader: Principal, filters: CaseFilters, page: PageParams, uow: Uow
) -> tuple[list[Case], int]:
    """Cases in the reader's scope the filters admit, newest first."""
    with uow:
        return uow.repo.cases(access.task_scope(reader), filters, uow.now, page)


def case_record(case_id: str, reader: Principal, uow: Uow) -> CaseRecord:
    """Everything about one case the reader may see."""
    with uow:
        return _record_of(uow, case_id, reader)


def timeline(case_id: str, reader: Principal, uow: Uow) -> list[TimelineEntry]:
    """What happened on the case, in order; entries are never changed or removed."""
    with uow:
        visible_case(uow, case_id, reader)
        return uow.repo.timeline_of_case(case_id)


def verify_and_close(command: OnCase, uow: Uow) -> CaseRecord:
    """The township accepts every department's result and closes the case (核查结案)."""
    return decide_on_case(
        command,
        uow,
        lambda case, case_tasks, now: township.verify_and_close(
            case, case_tasks, uow.repo.joint_actions_of_case(case.case_id), command.caller, now=now
        ),
    )


def call_departments(command: CallMoreDepartments, uow: Uow) -> CaseRecord:
    """吹哨 by hand: the whistle dispatches the departments called, their tasks come later."""
    request = command.request
    return decide_on_case(
        command,
        uow,
        lambda case, case_tasks, now: township.call_departments(
            case, case_tasks, command.caller, request.departments, request.reason, now=now
        ),
    )


def schedule_joint_action(command: ScheduleJointAction, uow: Uow) -> JointAction:
    """A joint on-site action (联合执法) with departments on the case."""
    plan = command.plan
    with uow:
        case, case_tasks = visible_case(uow, command.case_id, command.caller)
        action_id = uow.new_id()
        emit_and_apply(
            uow,
            township.schedule_joint_action(
                case,
                case_tasks,
                command.caller,
                plan.departments,
                plan.scheduled_for,
                plan.place,
                action_id=action_id,
                now=uow.now,
            ),
        )
        uow.commit()
        return joint_action_on(uow, case, action_id)


def record_joint_action(command: RecordJointAction, uow: Uow) -> JointAction:
    """What the joint action achieved: rectify, close, ban, fine (with amount), remove ads."""
    report = command.report
    with uow:
        case, _ = visible_case(uow, command.case_id, command.caller)
        action = joint_action_on(uow, case, command.action_id)
        emit_and_apply(
            uow,
            township.record_joint_action(
                case,
                action,
                command.caller,
                report.outcome,
                report.fine_amount_yuan,
                report.note,
                now=uow.now,
            ),
        )
        uow.commit()
    return action


def decide_on_case(
    command: OnCase,
    uow: Uow,
    decide: Callable[[Case, list[DepartmentTask], datetime], Message | list[Message]],
) -> CaseRecord:
    """A rule on a case the caller sees; its events in order; the record after the change."""
    with uow:
        case, case_tasks = visible_case(uow, command.case_id, command.caller)
        decided = decide(case, case_tasks, uow.now)
        for event in decided if isinstance(decided, list) else [decided]:
            emit_and_apply(uow, event)
        uow.commit()
        return _record_of(uow, command.case_id, command.caller)


def _record_of(uow: Uow, case_id: str, reader: Principal) -> CaseRecord:
    case, case_tasks = visible_case(uow, case_id, reader)
    return CaseRecord(
        case=case,
        tasks=case_tasks,
        joint_actions=uow.repo.joint_actions_of_case(case_id),
        timeline=uow.repo.timeline_of_case(case_id),
    )
