import type { Labels } from "./labels";

/** The registry's words, for the console's registry screens and the parents' page alike. */
export const CATEGORIES: Labels = {
  subject: ["学科类", "Subject tutoring"],
  non_subject: ["非学科类", "Non-subject"],
};

export const NON_SUBJECT_KINDS: Labels = {
  sports: ["体育类", "Sports"],
  culture_arts: ["文化艺术类", "Culture & arts"],
  science_technology: ["科技类", "Science & technology"],
  other: ["其他", "Other"],
};

export const STATES: Labels = {
  pending: ["待审批", "Awaiting approval"],
  approved: ["已审批纳管", "Approved"],
  rectifying: ["整改中", "Rectifying"],
  closed: ["已停业关停", "Closed by order"],
  banned: ["已取缔", "Banned"],
  exited: ["有序退出", "Exited"],
};

export const LISTS: Labels = {
  none: ["未列入", "Not listed"],
  white: ["白名单", "Whitelist"],
  black: ["黑名单", "Blacklist"],
};

export const RISK_LEVELS: Labels = {
  red: ["红色预警", "Red"],
  yellow: ["黄色预警", "Yellow"],
  green: ["绿色", "Green"],
};

/** 长沙市's districts by the codes the registry's `district` column holds. */
export const DISTRICTS: Labels = {
  furong: ["芙蓉区", "Furong"],
  tianxin: ["天心区", "Tianxin"],
  yuelu: ["岳麓区", "Yuelu"],
  kaifu: ["开福区", "Kaifu"],
  yuhua: ["雨花区", "Yuhua"],
  wangcheng: ["望城区", "Wangcheng"],
  changsha_county: ["长沙县", "Changsha County"],
  liuyang: ["浏阳市", "Liuyang"],
  ningxiang: ["宁乡市", "Ningxiang"],
};

/** A licence as people read it: valid until a day, expired, or not held. */
export function licenceText(
  validUntil: string | null | undefined,
  today: string,
  t: (zh: string, en: string) => string,
): { text: string; good: boolean } {
  if (!validUntil) return { text: t("未取得", "Not held"), good: false };
  if (validUntil < today) return { text: t(`已于 ${validUntil} 过期`, `Expired ${validUntil}`), good: false };
  return { text: t(`有效期至 ${validUntil}`, `Valid until ${validUntil}`), good: true };
}

/** Today in Beijing time as YYYY-MM-DD (the registry's dates are Chinese calendar days). */
export function todayInChina(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
}

/** The accountability ladder an order has climbed: 督办单 → 通报 → 约谈 → 问责. */
export const RUNGS: Labels = {
  supervision_notice: ["督办单", "Supervision notice"],
  public_notice: ["通报", "Public notice"],
  formal_talk: ["约谈", "Formal talk"],
  disciplinary_accountability: ["问责", "Accountability"],
};
