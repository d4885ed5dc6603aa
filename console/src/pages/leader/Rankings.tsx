import { Table, Tooltip } from "antd";

import { useI18n } from "../../i18n/I18n";
import { DEPARTMENTS, label } from "../../i18n/labels";
import type { Metrics } from "./figures";

type Ratio = Metrics["response_rate"];

function Rate({ ratio }: { ratio: Ratio }) {
  return (
    <Tooltip title={`${ratio.numerator} / ${ratio.denominator}`}>
      <span>{ratio.value == null ? "—" : `${(ratio.value * 100).toFixed(1)}%`}</span>
    </Tooltip>
  );
}

/** Higher 按期办结率 first, then 响应率; a group with nothing to rate goes last. */
function ranked(rows: Metrics[]): Metrics[] {
  const score = (r: Ratio) => r.value ?? -1;
  return [...rows].sort(
    (a, b) =>
      score(b.on_time_completion_rate) - score(a.on_time_completion_rate) ||
      score(b.response_rate) - score(a.response_rate) ||
      a.group.localeCompare(b.group),
  );
}

/** A ranking of departments or townships; a row opens the cases behind it. */
export function Ranking({
  kind,
  rows,
  onPick,
}: {
  kind: "department" | "township";
  rows: Metrics[];
  onPick: (group: string) => void;
}) {
  const { t, language } = useI18n();
  return (
    <Table<Metrics>
      rowKey="group"
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={ranked(rows)}
      data-testid={`ranking-${kind}`}
      rowClassName={(row) => `ranking-row ranking-${row.group}`}
      onRow={(row) => ({ onClick: () => onPick(row.group), style: { cursor: "pointer" } })}
      columns={[
        { title: "#", render: (_: unknown, __: Metrics, index: number) => index + 1, width: 40 },
        {
          title: kind === "department" ? t("部门", "Department") : t("乡镇街道", "Township"),
          dataIndex: "group",
          render: (group: string) => (kind === "department" ? label(DEPARTMENTS, group, language) : group),
        },
        { title: t("案件", "Cases"), render: (_: unknown, row: Metrics) => row.cases.total },
        { title: t("超时", "Overdue"), render: (_: unknown, row: Metrics) => row.cases.overdue },
        { title: t("按期办结率", "On time"), render: (_: unknown, row: Metrics) => <Rate ratio={row.on_time_completion_rate} /> },
        { title: t("响应率", "Response"), render: (_: unknown, row: Metrics) => <Rate ratio={row.response_rate} /> },
        { title: t("返工率", "Rework"), render: (_: unknown, row: Metrics) => <Rate ratio={row.rework_rate} /> },
      ]}
    />
  );
}

const RUNGS = [
  { key: "supervision_notice", zh: "督办单", en: "Supervision notice" },
  { key: "public_notice", zh: "通报", en: "Public notice" },
  { key: "formal_talk", zh: "约谈", en: "Formal talk" },
  { key: "disciplinary_accountability", zh: "问责", en: "Accountability" },
] as const;

/** The accountability ladder per department: 督办单 → 通报 → 约谈 → 问责 issued for its misses. */
export function Ladder({ rows, onPick }: { rows: Metrics[]; onPick: (department: string) => void }) {
  const { t, language } = useI18n();
  return (
    <Table<Metrics>
      rowKey="group"
      size="small"
      pagination={false}
      data-testid="ladder"
      dataSource={rows}
      onRow={(row) => ({ onClick: () => onPick(row.group), style: { cursor: "pointer" } })}
      columns={[
        { title: t("部门", "Department"), dataIndex: "group", render: (group: string) => label(DEPARTMENTS, group, language) },
        ...RUNGS.map((rung) => ({
          title: t(rung.zh, rung.en),
          render: (_: unknown, row: Metrics) => {
            const issued = row.ladder[rung.key];
            return <span style={{ color: issued > 0 ? "#cf1322" : undefined }}>{issued}</span>;
          },
        })),
      ]}
    />
  );
}
