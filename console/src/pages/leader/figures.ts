import type { Query, Schemas } from "../../api/client";

export type Metrics = Schemas["GroupMetrics"];
export type MetricsQuery = Query<"/api/oversight/metrics">;
export type CaseQuery = Query<"/api/enforcement/cases">;
/** The cockpit's filters: what both the oversight figures and the drill-down's case list take. */
export type Filters = Pick<CaseQuery, "district" | "township" | "department" | "incident_type" | "opened_from" | "opened_to">;

export interface Figure {
  key: string;
  zh: string;
  en: string;
  /** What is shown, and the numerator and denominator behind it (shown on hover). */
  read(m: Metrics): { value: number | null; numerator: number; denominator: number; kind: "count" | "rate" | "seconds" };
  /** The cases behind the figure: the case list's filters on top of the cockpit's. */
  cases: Partial<CaseQuery>;
  colour: string;
}

const count = (value: number, denominator: number) => ({ value, numerator: value, denominator, kind: "count" as const });
const rate = (r: Schemas["Ratio"]) => ({ value: r.value ?? null, numerator: r.numerator, denominator: r.denominator, kind: "rate" as const });
const mean = (m: Schemas["MeanSeconds"]) => ({
  value: m.seconds ?? null,
  numerator: m.total_seconds,
  denominator: m.count,
  kind: "seconds" as const,
});

/**
 * The figures leaders ask for, as the oversight API counts them (GET /api/oversight/metrics:
 * `total`), each with the case list (GET /api/enforcement/cases) that holds the cases behind it.
 * Rates and means drill to the cases they are computed over.
 */
export const FIGURES: Figure[] = [
  { key: "open", zh: "办理中", en: "Open", read: (m) => count(m.cases.open, m.cases.total), cases: { status: "open" }, colour: "#1677ff" },
  { key: "closed", zh: "已办结", en: "Closed", read: (m) => count(m.cases.closed, m.cases.total), cases: { status: "closed" }, colour: "#52c41a" },
  { key: "overdue", zh: "超时案件", en: "Overdue", read: (m) => count(m.cases.overdue, m.cases.total), cases: { missed_deadline: true }, colour: "#f5222d" },
  { key: "escalated", zh: "升级督办", en: "Escalated", read: (m) => count(m.cases.escalated, m.cases.total), cases: { escalated: true }, colour: "#fa541c" },
  { key: "response", zh: "响应率", en: "Response rate", read: (m) => rate(m.response_rate), cases: {}, colour: "#13c2c2" },
  { key: "on_time", zh: "按期办结率", en: "Closed on time", read: (m) => rate(m.on_time_completion_rate), cases: {}, colour: "#389e0d" },
  { key: "rework", zh: "返工率", en: "Rework rate", read: (m) => rate(m.rework_rate), cases: {}, colour: "#d48806" },
  { key: "to_acknowledge", zh: "平均报到时长", en: "Mean time to 报到", read: (m) => mean(m.time_to_acknowledge), cases: {}, colour: "#722ed1" },
  { key: "to_close", zh: "平均办结时长", en: "Mean time to close", read: (m) => mean(m.time_to_close), cases: { status: "closed" }, colour: "#531dab" },
];

/** A figure as people read it: a count, a percentage, or a duration. */
export function shownValue(figure: ReturnType<Figure["read"]>, language: "zh" | "en"): string {
  if (figure.value === null) return "—";
  if (figure.kind === "count") return String(figure.value);
  if (figure.kind === "rate") return `${(figure.value * 100).toFixed(1)}%`;
  return duration(figure.value, language);
}

export function duration(seconds: number, language: "zh" | "en"): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (language === "zh") return hours > 0 ? `${hours}小时${minutes}分` : `${minutes}分${Math.round(seconds % 60)}秒`;
  return hours > 0 ? `${hours}h ${minutes}m` : `${minutes}m ${Math.round(seconds % 60)}s`;
}

/** Only the filters that are set (the API refuses an empty string). */
export function given<T extends object>(query: T): T {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== "" && value !== null)) as T;
}
