import type { Role, Session } from "../auth/session";
import { hasAny } from "../auth/session";

export interface MenuEntry {
  path: string;
  zh: string;
  en: string;
  icon: "report" | "list" | "lead" | "inbox" | "board" | "bell";
  roles: Role[];
}

const CASEWORKERS: Role[] = ["township_officer", "district_officer", "leader", "admin"];
const DEPARTMENTS: Role[] = ["department_officer", "department_lead"];

/** The screens, and whose work each one is: the token's roles decide the menu. */
export const MENU: MenuEntry[] = [
  { path: "/report", zh: "上报事件", en: "Report", icon: "report", roles: ["grid_worker"] },
  { path: "/reports", zh: "我的上报", en: "My reports", icon: "list", roles: ["grid_worker"] },
  { path: "/leads", zh: "巡查线索", en: "Leads", icon: "lead", roles: ["grid_worker"] },
  { path: "/inbox", zh: "部门待办", en: "Inbox", icon: "inbox", roles: DEPARTMENTS },
  { path: "/board", zh: "吹哨看板", en: "Whistle board", icon: "board", roles: CASEWORKERS },
  {
    path: "/notifications",
    zh: "消息提醒",
    en: "Notifications",
    icon: "bell",
    roles: [...DEPARTMENTS, ...CASEWORKERS],
  },
];

export function menuFor(session: Session): MenuEntry[] {
  return MENU.filter((entry) => hasAny(session, entry.roles));
}
