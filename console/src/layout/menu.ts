import type { Role, Session } from "../auth/session";
import { hasAny } from "../auth/session";
import { REGISTRY_READERS } from "../pages/registry/access";

export interface MenuEntry {
  path: string;
  zh: string;
  en: string;
  icon: "report" | "list" | "lead" | "inbox" | "board" | "bell" | "map" | "cockpit";
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
  { path: "/cockpit", zh: "领导驾驶舱", en: "Cockpit", icon: "cockpit", roles: ["leader", "district_officer", "department_lead"] },
  { path: "/board", zh: "吹哨看板", en: "Whistle board", icon: "board", roles: CASEWORKERS },
  { path: "/map", zh: "地图", en: "Map", icon: "map", roles: [...CASEWORKERS, ...DEPARTMENTS] },
  {
    path: "/notifications",
    zh: "消息提醒",
    en: "Notifications",
    icon: "bell",
    roles: [...DEPARTMENTS, ...CASEWORKERS],
  },
  { path: "/inspections", zh: "检查任务", en: "Inspections", icon: "list", roles: ["inspector"] },
  { path: "/orders", zh: "督办单", en: "Orders", icon: "inbox", roles: ["inspector", "institution_staff"] },
  { path: "/statistics", zh: "督导统计", en: "Statistics", icon: "board", roles: ["inspector", ...CASEWORKERS] },
  { path: "/registry", zh: "机构名录", en: "Registry", icon: "list", roles: REGISTRY_READERS },
];

export function menuFor(session: Session): MenuEntry[] {
  return MENU.filter((entry) => hasAny(session, entry.roles));
}
