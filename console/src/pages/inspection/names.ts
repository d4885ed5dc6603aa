/** The inspections service's words on screen: kinds, results, order and unit states. */
type Labels = Record<string, [zh: string, en: string]>;

export const INSPECTION_KINDS: Labels = {
  routine: ["常态督", "Routine"],
  special: ["专项督", "Special"],
  precision: ["精准督", "Precision"],
  joint: ["联合检查", "Joint"],
  unannounced: ["暗访", "Unannounced"],
};

export const ITEM_RESULTS: Labels = {
  pass: ["合格", "Pass"],
  fail: ["不合格", "Fail"],
  not_applicable: ["不适用", "N/A"],
};

export const ORDER_STATUSES: Labels = {
  issued: ["待签收", "Issued"],
  rectifying: ["整改中", "Rectifying"],
  awaiting_reinspection: ["待复查", "Awaiting re-inspection"],
  closed: ["已销号", "Closed"],
};

export const ORDER_COLOURS: Record<string, string> = {
  issued: "red",
  rectifying: "orange",
  awaiting_reinspection: "blue",
  closed: "green",
};

export const UNIT_KINDS: Labels = {
  primary_school: ["小学", "Primary school"],
  junior_school: ["初中", "Junior school"],
  subject_institution: ["学科类培训机构", "Subject institution"],
  non_subject_institution: ["非学科类培训机构", "Non-subject institution"],
};

export const HISTORY_KINDS: Labels = {
  acknowledged: ["单位签收", "Signed for"],
  evidence: ["提交整改材料", "Evidence submitted"],
  reinspection: ["复查", "Re-inspected"],
  reinspection_scheduled: ["安排复查", "Re-inspection scheduled"],
  reminder: ["到期提醒", "Reminder"],
  deadline: ["调整时限", "Deadline moved"],
  escalation: ["升级督办", "Escalated"],
};

/** Which checklist items apply to a unit kind (the checklist's `applies_to`). */
export const APPLICABILITY: Record<string, string> = {
  primary_school: "school",
  junior_school: "school",
  subject_institution: "subject",
  non_subject_institution: "non_subject",
};
