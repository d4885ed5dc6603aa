import type { Language } from "../../i18n/I18n";
import { DEPARTMENTS, OUTCOMES, label } from "../../i18n/labels";

type Pair = [zh: string, en: string];

/** The case's history in words: each event's name, and the facts worth a line. */
const EVENTS: Record<string, Pair> = {
  IncidentReported: ["网格上报", "Reported"],
  DepartmentTaskDispatched: ["吹哨派单", "Task dispatched"],
  TaskDeadlinesSet: ["设定时限", "Deadlines set"],
  TaskAcknowledged: ["部门报到", "Reported for duty"],
  TaskReminded: ["到期提醒", "Reminder"],
  TaskEscalated: ["超时升级", "Escalated"],
  TaskDisputed: ["提出异议", "Disputed"],
  DisputeRuled: ["异议裁定", "Dispute ruled"],
  ClockPauseRequested: ["申请挂起", "Pause requested"],
  ClockPauseDecided: ["挂起审批", "Pause decided"],
  ClockResumed: ["恢复计时", "Clock resumed"],
  TaskOutcomeSubmitted: ["处置反馈", "Outcome fed back"],
  TaskSentBack: ["退回返工", "Sent back"],
  DepartmentsCalled: ["增派部门", "Departments called"],
  DepartmentReleased: ["释放部门", "Department released"],
  JointActionScheduled: ["联合执法安排", "Joint action scheduled"],
  JointActionRecorded: ["联合执法结果", "Joint action recorded"],
  CaseClosed: ["核验办结", "Closed"],
  ConfirmationRequested: ["请求现场核查", "On-site check requested"],
  ConfirmationOverdue: ["核查超时", "On-site check overdue"],
  ResolutionConfirmed: ["现场核查", "Checked on site"],
  CaseReopened: ["重新办理", "Reopened"],
  RatingRequested: ["请求评价", "Rating requested"],
  CaseRated: ["上报人评价", "Rated"],
  RatingExpired: ["评价超时", "Rating expired"],
  DissatisfactionReviewed: ["不满意复核", "Dissatisfaction reviewed"],
  AccountabilityMeasureIssued: ["问责措施", "Accountability measure"],
};

/** `gov.enforcement.TaskAcknowledged.v1` → `TaskAcknowledged`. */
export function shortType(type: string): string {
  return /^gov\.\w+\.(\w+)\.v\d+$/.exec(type)?.[1] ?? type;
}

export function eventName(type: string, language: Language): string {
  const pair = EVENTS[shortType(type)];
  return pair ? pair[language === "zh" ? 0 : 1] : type;
}

/** A line of the facts an event carries: who, which department, why, what was done. */
export function eventFacts(data: Record<string, unknown>, language: Language): string {
  const text = (key: string) => (typeof data[key] === "string" ? (data[key] as string) : undefined);
  const parts = [
    text("reporter") ?? text("actor") ?? text("acknowledged_by") ?? text("by"),
    text("department") && label(DEPARTMENTS, text("department"), language),
    text("outcome") && label(OUTCOMES, text("outcome"), language),
    text("description") ?? text("reason") ?? text("note"),
  ];
  return parts.filter(Boolean).join(" · ");
}
