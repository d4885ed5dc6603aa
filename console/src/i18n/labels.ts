import vocabulary from "../generated/vocabulary.json";
import type { Language } from "./I18n";

export type Labels = Record<string, [zh: string, en: string]>;

/** `fire_safety` → `Fire safety`: the English name where the contracts give only Chinese. */
function english(value: string): string {
  const words = value.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function fromVocabulary(names: Record<string, string>): Labels {
  return Object.fromEntries(Object.entries(names).map(([value, zh]) => [value, [zh, english(value)]]));
}

export const INCIDENT_TYPES = fromVocabulary(vocabulary.incident_types);
export const DEPARTMENTS = fromVocabulary(vocabulary.departments);

export const TASK_STATUSES: Labels = {
  dispatched: ["待报到", "Awaiting 报到"],
  acknowledged: ["处置中", "Handling"],
  disputed: ["有争议", "Disputed"],
  fed_back: ["已反馈", "Fed back"],
  closed: ["已办结", "Closed"],
  reassigned: ["已改派", "Reassigned"],
  released: ["已释放", "Released"],
};

export const CASE_STATUSES: Labels = {
  open: ["办理中", "Open"],
  closed: ["已办结", "Closed"],
};

export const INCIDENT_STATUSES: Labels = {
  reported: ["已上报", "Reported"],
  dispatched: ["已派单", "Dispatched"],
  closed: ["已办结", "Closed"],
};

export const SEVERITIES: Labels = {
  urgent: ["紧急", "Urgent"],
  normal: ["一般", "Normal"],
  complex: ["复杂", "Complex"],
};

export const OUTCOMES: Labels = {
  rectification_ordered: ["责令整改", "Rectification ordered"],
  closure_ordered: ["责令停办", "Closure ordered"],
  banned: ["取缔", "Banned"],
  fined: ["罚款", "Fined"],
  advertisement_removed: ["清除广告", "Advertisement removed"],
  no_violation_found: ["未发现违规", "No violation found"],
};

export const PAUSE_REASONS: Labels = {
  legal_procedure: ["法定程序", "Legal procedure"],
  expert_appraisal: ["专家鉴定", "Expert appraisal"],
  awaiting_other_authority: ["等待其他机关", "Awaiting another authority"],
  force_majeure: ["不可抗力", "Force majeure"],
};

export const ESCALATION_LEVELS: Labels = {
  "0": ["未升级", "Not escalated"],
  "1": ["部门负责人", "Department lead"],
  "2": ["区督办", "District office"],
  "3": ["市领导", "City leadership"],
};

export function label(labels: Labels, value: string | null | undefined, language: Language): string {
  if (value == null) return "—";
  const pair = labels[value];
  return pair ? pair[language === "zh" ? 0 : 1] : value;
}

export function options(labels: Labels, language: Language): { value: string; label: string }[] {
  return Object.keys(labels).map((value) => ({ value, label: label(labels, value, language) }));
}
