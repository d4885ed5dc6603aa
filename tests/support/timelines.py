"""Seeded random case timelines: what enforcement publishes on `enforcement.cases`, case by case.

Each story follows the whistle: dispatch, 报到 on time, exactly at the deadline, after a moved
deadline or late with escalations (or never), disputes ruled insist or reassign, releases,
paused clocks, feedback on time or late, rework (返工), joint actions, accountability and, for
most cases, closure; then its confirmation on site (solved, not solved and re-opened, or never)
and the reporter's rating (满意, 基本满意, 不满意 perhaps re-opened, or none in time). Most
cases carry an incident type; some none, some none on their first task only. The same seed
gives the same timelines.
"""

from __future__ import annotations

import random
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from contracts.envelope import Envelope
from contracts.events import (
    AccountabilityMeasureIssued,
    CaseClosed,
    CaseRated,
    CaseReopened,
    ClockPauseDecided,
    ClockPauseRequested,
    ClockResumed,
    DepartmentReleased,
    DepartmentTaskDispatched,
    DisputeRuled,
    JointActionRecorded,
    JointActionScheduled,
    Message,
    RatingExpired,
    ResolutionConfirmed,
    TaskAcknowledged,
    TaskDeadlinesSet,
    TaskDisputed,
    TaskEscalated,
    TaskOutcomeSubmitted,
    TaskReminded,
    TaskSentBack,
)
from contracts.vocabulary import (
    AccountabilityMeasure,
    Clock,
    Department,
    DisputeRuling,
    IncidentType,
    PauseReason,
    ReopenCause,
    Satisfaction,
    TaskOutcome,
)

INCIDENT_TYPES = tuple(IncidentType)
PLACES = (("yuhua", "dongtang"), ("yuhua", "guitang"), ("furong", "dingwangtai"))
PLACE_WEIGHTS = (45, 45, 10)
DEPARTMENTS = (
    Department.EDUCATION,
    Department.MARKET_SUPERVISION,
    Department.FIRE_SAFETY,
    Department.PUBLIC_SECURITY,
    Department.CULTURE_TOURISM,
    Department.SPORTS,
)
MINUTE, HOUR, DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
OPEN = "open"  # a task that never finished: its case cannot close
ENDED = "ended"  # a task taken off the case: it does not hold closure back


@dataclass
class Timeline:
    case_id: str
    events: list[Message] = field(default_factory=list)


def generate_timelines(
    *, seed: int, cases: int, start: datetime, weeks: int, prefix: str
) -> list[Timeline]:
    rng = random.Random(seed)
    return [
        _Story(rng, f"{prefix}-{number:04d}").tell(start + rng.random() * weeks * 7 * DAY)
        for number in range(cases)
    ]


def envelope_of(message: Message, rng: random.Random) -> Envelope:
    return Envelope(
        id=str(uuid.UUID(int=rng.getrandbits(128))),
        source="/tests/timelines",
        type=message.EVENT_TYPE,
        time=datetime.fromisoformat("2026-11-22T00:00:00+00:00"),
        subject=message.message_key(),
        data=message.model_dump(mode="json"),
    )


class _Story:
    def __init__(self, rng: random.Random, case_id: str):
        self.rng = rng
        self.case_id = case_id
        self.district, self.township = rng.choices(PLACES, PLACE_WEIGHTS)[0]
        self._events: list[tuple[datetime, int, Message]] = []
        self._escalated = False
        self._called: set[Department] = set()  # departments with a task on this case
        self._fed_back: dict[str, tuple[Department, int]] = {}  # task → department, reworks
        self._dispatches = 0

    def tell(self, opened: datetime) -> Timeline:
        departments = self.rng.sample(DEPARTMENTS, self.rng.choice((1, 1, 2, 2, 3)))
        self._called.update(departments)
        ends = [
            self._task(department, opened + index * MINUTE, may_dispute=True)
            for index, department in enumerate(departments)
        ]
        if len(departments) > 1 and self.rng.random() < 0.3:
            self._joint_action(departments, opened + 4 * HOUR)
        if self._escalated and self.rng.random() < 0.3:
            self._accountability(departments[0], opened + 2 * DAY)
        finished = [end for end in ends if end != ENDED]
        if OPEN not in finished and self.rng.random() < 0.85:
            self._closure(max([*finished, opened]) + self._between(HOUR, 2 * DAY), 1)
        self._events.sort(key=lambda entry: (entry[0], entry[1]))
        return Timeline(self.case_id, [message for _, _, message in self._events])

    def _incident_type(self) -> IncidentType | None:
        """The case's type, chosen by its id so the seed's draws stay as they were: none on one
        case in six (dispatched before events carried it), none on the first task of one in ten."""
        number = zlib.crc32(self.case_id.encode())
        first = self._dispatches == 0
        self._dispatches += 1
        if number % 6 == 0 or (first and number % 10 == 1):
            return None
        return INCIDENT_TYPES[number % len(INCIDENT_TYPES)]

    def _task(
        self, department: Department, dispatched_at: datetime, *, may_dispute: bool
    ) -> datetime | str:
        """One department's task from dispatch to its last feedback (or OPEN / ENDED)."""
        self._called.add(department)
        task = {"task_id": f"{self.case_id}:{department}", "case_id": self.case_id}
        acknowledge_by = dispatched_at + self.rng.choice((30 * MINUTE, 2 * HOUR))
        handle_by = dispatched_at + 3 * DAY
        self._add(
            dispatched_at,
            DepartmentTaskDispatched(
                **task,
                incident_type=self._incident_type(),
                department=department,
                district=self.district,
                township=self.township,
                acknowledge_by=acknowledge_by,
                handle_by=handle_by,
                dispatched_at=dispatched_at,
            ),
        )
        roll = self.rng.random()
        if roll < 0.05:
            released_at = dispatched_at + self._between(MINUTE, HOUR)
            self._add(
                released_at,
                DepartmentReleased(
                    **task,
                    department=department,
                    reason="经核实与本部门无关",
                    released_by=f"township_{self.township}",
                    released_at=released_at,
                ),
            )
            return ENDED
        if may_dispute and roll < 0.15:
            ruled_at, successor = self._dispute(task, department, dispatched_at)
            if successor is not None:
                return self._task(successor, ruled_at, may_dispute=False)
            acknowledge_by, handle_by = ruled_at + 30 * MINUTE, ruled_at + 3 * DAY
            dispatched_at = ruled_at
        acknowledged_at = self._acknowledge(
            task, department, dispatched_at, acknowledge_by, handle_by
        )
        if acknowledged_at is None:
            return OPEN
        return self._handle(task, department, acknowledged_at, acknowledge_by, handle_by)

    def _dispute(
        self, task: dict, department: Department, dispatched_at: datetime
    ) -> tuple[datetime, Department | None]:
        """The department disputes; the township rules. Returns when, and who takes over."""
        disputed_at = dispatched_at + self._between(5 * MINUTE, 25 * MINUTE)
        self._add(
            disputed_at,
            TaskDisputed(
                **task,
                department=department,
                officer=f"{department}_officer",
                reason="不属于本部门职责",
                disputed_at=disputed_at,
            ),
        )
        ruled_at = disputed_at + self._between(HOUR, 6 * HOUR)
        if ruled_at - disputed_at > 4 * HOUR:  # the township was late ruling: its miss
            self._escalate(task, department, Clock.RULING, 1, disputed_at + 4 * HOUR)
        other = self.rng.choice([d for d in DEPARTMENTS if d not in self._called])
        reassign = self.rng.random() < 0.6
        self._add(
            ruled_at,
            DisputeRuled(
                **task,
                department=department,
                ruling=DisputeRuling.REASSIGN if reassign else DisputeRuling.INSIST,
                reassign_to=other if reassign else None,
                reason="按职责清单裁定",
                ruled_by=f"township_{self.township}",
                ruled_at=ruled_at,
            ),
        )
        if reassign:
            return ruled_at, other
        self._deadlines(task, department, ruled_at, ruled_at + 30 * MINUTE, ruled_at + 3 * DAY)
        return ruled_at, None

    def _acknowledge(
        self,
        task: dict,
        department: Department,
        dispatched_at: datetime,
        acknowledge_by: datetime,
        handle_by: datetime,
    ) -> datetime | None:
        roll = self.rng.random()
        if roll < 0.55:
            at = dispatched_at + self._between(MINUTE, acknowledge_by - dispatched_at)
        elif roll < 0.65:
            at = acknowledge_by  # exactly at the deadline: on time
        elif roll < 0.72:
            moved = acknowledge_by + HOUR
            self._deadlines(task, department, acknowledge_by - 5 * MINUTE, moved, handle_by)
            at = acknowledge_by + self._between(MINUTE, HOUR)
        else:
            lateness = self._between(MINUTE, 3 * HOUR) if roll < 0.95 else None
            self._remind(task, department, Clock.ACKNOWLEDGE, acknowledge_by)
            for level in (1, 2, 3):
                step = acknowledge_by + (level - 1) * HOUR
                if lateness is None or step < acknowledge_by + lateness:
                    self._escalate(task, department, Clock.ACKNOWLEDGE, level, step)
            if lateness is None:
                return None
            at = acknowledge_by + lateness
        self._add(
            at,
            TaskAcknowledged(
                **task, department=department, officer=f"{department}_officer", acknowledged_at=at
            ),
        )
        return at

    def _handle(
        self,
        task: dict,
        department: Department,
        acknowledged_at: datetime,
        acknowledge_by: datetime,
        handle_by: datetime,
    ) -> datetime:
        """Feedback, perhaps after a paused clock, late, or sent back once or twice."""
        earliest = acknowledged_at + HOUR
        if self.rng.random() < 0.1:
            handle_by, earliest = self._pause(task, department, earliest, acknowledge_by, handle_by)
        fed_back = self._feedback(task, department, earliest, handle_by)
        for rework in (1, 2):
            if self.rng.random() >= (0.2 if rework == 1 else 0.25):
                break
            sent_back = fed_back + self._between(HOUR, DAY)
            self._add(
                sent_back,
                TaskSentBack(
                    **task,
                    department=department,
                    reason="整改不到位，证据不足",
                    officer=f"township_{self.township}",
                    rework_count=rework,
                    sent_back_at=sent_back,
                ),
            )
            handle_by = sent_back + 2 * DAY
            self._deadlines(task, department, sent_back, acknowledge_by, handle_by)
            fed_back = self._feedback(task, department, sent_back + HOUR, handle_by)
        self._fed_back[task["task_id"]] = (department, self._reworks(task))
        return fed_back

    def _reworks(self, task: dict) -> int:
        """How often the task was sent back so far."""
        return sum(
            isinstance(m, TaskSentBack) and m.task_id == task["task_id"] for _, _, m in self._events
        )

    def _closure(self, closed_at: datetime, closure: int) -> None:
        """Closed, confirmed or not, rated or not; not solved or 不满意 may re-open it once."""
        township = f"township_{self.township}"
        self._add(
            closed_at,
            CaseClosed(
                case_id=self.case_id,
                incident_id=self.case_id,
                verified_by=township,
                closed_at=closed_at,
            ),
        )
        case = {"case_id": self.case_id, "round": closure}
        confirmed_at, roll = closed_at + self._between(HOUR, DAY), self.rng.random()
        if roll < 0.1:
            return  # never confirmed: the confirmation is escalated, the case stays unsolved
        solved = roll >= 0.25 or closure > 1
        self._add(
            confirmed_at,
            ResolutionConfirmed(
                **case,
                solved=solved,
                note="现场核查" if solved else "周末仍在上课",
                confirmed_by=f"grid_{self.township}",
                confirmed_at=confirmed_at,
            ),
        )
        if not solved:
            self._reopen(confirmed_at, closure, ReopenCause.NOT_SOLVED)
            return
        rated_at, roll = confirmed_at + self._between(HOUR, 2 * DAY), self.rng.random()
        if roll < 0.05:
            return  # the rating window is still open
        if roll < 0.15:
            self._add(rated_at, RatingExpired(**case, rate_by=rated_at, expired_at=rated_at))
            return
        satisfaction = (
            Satisfaction.SATISFIED
            if roll < 0.55
            else Satisfaction.BASICALLY_SATISFIED
            if roll < 0.8
            else Satisfaction.DISSATISFIED
        )
        unhappy = satisfaction == Satisfaction.DISSATISFIED
        self._add(
            rated_at,
            CaseRated(
                **case,
                satisfaction=satisfaction,
                reason="晚上仍有学生进出" if unhappy else None,
                rated_by=f"grid_{self.township}",
                rated_at=rated_at,
            ),
        )
        if unhappy and closure == 1 and self.rng.random() < 0.5:
            self._reopen(rated_at + HOUR, closure, ReopenCause.DISSATISFIED)

    def _reopen(self, at: datetime, closure: int, cause: ReopenCause) -> None:
        """Every task that fed back comes back as rework and is fed back again; most close again."""
        self._add(
            at,
            CaseReopened(
                case_id=self.case_id,
                round=closure,
                cause=cause,
                reason="重新办理",
                reopened_by=f"township_{self.township}",
                reopened_at=at,
            ),
        )
        fed_back = []
        for task_id, (department, reworks) in self._fed_back.items():
            task = {"task_id": task_id, "case_id": self.case_id}
            self._add(
                at,
                TaskSentBack(
                    **task,
                    department=department,
                    reason="重新办理",
                    officer=f"township_{self.township}",
                    rework_count=reworks + 1,
                    sent_back_at=at,
                ),
            )
            handle_by = at + 2 * DAY
            self._deadlines(task, department, at, at + 30 * MINUTE, handle_by)
            fed_back.append(self._feedback(task, department, at + HOUR, handle_by))
        if self.rng.random() < 0.8:  # otherwise still being handled again
            self._closure(max([*fed_back, at]) + self._between(HOUR, DAY), closure + 1)

    def _pause(
        self,
        task: dict,
        department: Department,
        requested_at: datetime,
        acknowledge_by: datetime,
        handle_by: datetime,
    ) -> tuple[datetime, datetime]:
        pause = {**task, "pause_id": f"{task['task_id']}:pause", "department": department}
        decided_at, resumed_at = requested_at + HOUR, requested_at + DAY
        self._add(
            requested_at,
            ClockPauseRequested(
                **pause,
                reason=PauseReason.EXPERT_APPRAISAL,
                note="消防检测报告待出",
                requested_by=f"{department}_officer",
                requested_at=requested_at,
            ),
        )
        self._add(
            decided_at,
            ClockPauseDecided(
                **pause,
                approved=True,
                decided_by=f"township_{self.township}",
                decided_at=decided_at,
            ),
        )
        self._add(
            resumed_at,
            ClockResumed(**pause, resumed_by=f"township_{self.township}", resumed_at=resumed_at),
        )
        moved = handle_by + (resumed_at - decided_at)
        self._deadlines(task, department, resumed_at, acknowledge_by, moved)
        return moved, resumed_at

    def _feedback(
        self, task: dict, department: Department, earliest: datetime, handle_by: datetime
    ) -> datetime:
        roll = self.rng.random()
        if roll < 0.7 and earliest < handle_by:
            at = earliest + self._between(timedelta(0), handle_by - earliest)
        elif roll < 0.78:
            at = max(handle_by, earliest)  # exactly at the deadline when there is time
        else:
            at = max(handle_by, earliest) + self._between(HOUR, 2 * DAY)
            self._escalate(task, department, Clock.HANDLE, 1, handle_by)
        outcome = self.rng.choice(list(TaskOutcome))
        self._add(
            at,
            TaskOutcomeSubmitted(
                **task,
                department=department,
                officer=f"{department}_officer",
                outcome=outcome,
                note="已到场处置",
                submitted_at=at,
                fine_amount_yuan=5000 if outcome == TaskOutcome.FINED else None,
            ),
        )
        return at

    def _deadlines(
        self,
        task: dict,
        department: Department,
        at: datetime,
        acknowledge_by: datetime,
        handle_by: datetime,
    ) -> None:
        self._add(
            at,
            TaskDeadlinesSet(
                **task,
                department=department,
                acknowledge_by=acknowledge_by,
                handle_by=handle_by,
                reason="时限调整",
                set_at=at,
            ),
        )

    def _remind(self, task: dict, department: Department, clock: Clock, deadline: datetime) -> None:
        self._add(
            deadline - 10 * MINUTE,
            TaskReminded(
                **task,
                reminder_id=f"{task['task_id']}:remind:{clock}",
                department=department,
                clock=clock,
                deadline=deadline,
                reminded_at=deadline - 10 * MINUTE,
            ),
        )

    def _escalate(
        self, task: dict, department: Department, clock: Clock, level: int, at: datetime
    ) -> None:
        self._escalated = True
        self._add(
            at,
            TaskEscalated(
                **task,
                escalation_id=f"{task['task_id']}:{clock}:{level}:{at.timestamp()}",
                department=department,
                level=level,
                reason=f"{clock} deadline missed",
                escalated_at=at,
                clock=clock,
                district=self.district,
                township=self.township,
            ),
        )

    def _joint_action(self, departments: list[Department], at: datetime) -> None:
        action = {"action_id": f"{self.case_id}:joint", "case_id": self.case_id}
        self._add(
            at,
            JointActionScheduled(
                **action,
                departments=departments,
                scheduled_for=at + DAY,
                place="韶山北路某小区3栋201",
                scheduled_by=f"township_{self.township}",
                scheduled_at=at,
            ),
        )
        self._add(
            at + DAY,
            JointActionRecorded(
                **action,
                outcome=TaskOutcome.BANNED,
                note="联合执法，依法取缔",
                recorded_by=f"township_{self.township}",
                recorded_at=at + DAY,
            ),
        )

    def _accountability(self, department: Department, at: datetime) -> None:
        self._add(
            at,
            AccountabilityMeasureIssued(
                measure_id=f"{self.case_id}:measure",
                case_id=self.case_id,
                task_id=f"{self.case_id}:{department}",
                department=department,
                district=self.district,
                measure=AccountabilityMeasure.SUPERVISION_NOTICE,
                misses=3,
                period=at.strftime("%Y-%m"),
                issued_at=at,
            ),
        )

    def _between(self, low: timedelta, high: timedelta) -> timedelta:
        """A random span in [low, high], to the microsecond as real timestamps are."""
        return low + (high - low) * self.rng.random()

    def _add(self, at: datetime, message: Message) -> None:
        self._events.append((at, len(self._events), message))
