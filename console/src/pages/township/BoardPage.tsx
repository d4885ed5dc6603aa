import { Card, Col, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { ok, type Query, type Schemas } from "../../api/client";
import { hasAny } from "../../auth/session";
import { useSession } from "../../auth/SessionContext";
import { TaskClock } from "../../components/TaskClock";
import { useNow } from "../../components/useNow";
import { useI18n } from "../../i18n/I18n";
import { DEPARTMENTS, ESCALATION_LEVELS, TASK_STATUSES, label } from "../../i18n/labels";
import { useLive } from "../../live/LiveContext";
import { TaskActions } from "../case/TaskActions";
import { useLiveList } from "../useLiveList";
import { HandWhistle } from "./HandWhistle";

type Task = Schemas["TaskPublic"];
type TaskQuery = Query<"/api/enforcement/tasks">;

interface Column {
  key: string;
  zh: string;
  en: string;
  query: TaskQuery;
  colour: string;
}

/** The whistle board's columns: what the township must watch or decide, each a task query. */
const COLUMNS: Column[] = [
  { key: "new", zh: "新派单", en: "New", query: { status: "dispatched" }, colour: "#1677ff" },
  { key: "acknowledged", zh: "已报到", en: "Acknowledged", query: { status: "acknowledged" }, colour: "#13c2c2" },
  { key: "overdue", zh: "已超时", en: "Overdue", query: { overdue: true }, colour: "#f5222d" },
  { key: "disputed", zh: "有争议", en: "Disputed", query: { status: "disputed" }, colour: "#fa8c16" },
  { key: "pause", zh: "挂起申请", en: "Pause asked", query: { pause_state: "requested" }, colour: "#722ed1" },
  { key: "paused", zh: "已挂起", en: "Paused", query: { pause_state: "paused" }, colour: "#9254de" },
  { key: "verify", zh: "待核验", en: "To verify", query: { status: "fed_back" }, colour: "#52c41a" },
];

/** 吹哨看板: the township's cases by where they stand, with the township's decisions at hand. */
export default function BoardPage() {
  const api = useApi();
  const session = useSession();
  const { t, language } = useI18n();
  const now = useNow();
  const [selected, setSelected] = useState<Column>(COLUMNS[0]!);
  const [counts, setCounts] = useState<Record<string, number>>({});

  const count = useCallback(async () => {
    const pages = await Promise.all(
      COLUMNS.map((column) => ok(api.GET("/api/enforcement/tasks", { params: { query: { ...column.query, limit: 1 } } }))),
    );
    setCounts(Object.fromEntries(COLUMNS.map((column, i) => [column.key, pages[i]!.count])));
  }, [api]);
  useEffect(() => void count().catch(() => undefined), [count]);
  useLive(() => void count().catch(() => undefined));

  const load = useCallback(
    () => ok(api.GET("/api/enforcement/tasks", { params: { query: { ...selected.query, limit: 100 } } })),
    [api, selected],
  );
  const { rows, loading, refresh } = useLiveList(load);

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={t("吹哨看板", "Whistle board")}
        extra={hasAny(session, ["township_officer"]) && <HandWhistle onDone={() => void refresh()} />}
      >
        <Row gutter={[12, 12]}>
          {COLUMNS.map((column) => (
            <Col key={column.key} xs={12} sm={8} md={6} lg={3}>
              <Card
                size="small"
                hoverable
                onClick={() => setSelected(column)}
                data-testid={`board-${column.key}`}
                style={{ borderColor: selected.key === column.key ? column.colour : undefined }}
              >
                <Statistic
                  title={t(column.zh, column.en)}
                  value={counts[column.key] ?? "—"}
                  valueStyle={{ color: column.colour }}
                />
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={t(selected.zh, selected.en)} size="small">
        <Table<Task>
          rowKey="task_id"
          size="small"
          loading={loading}
          dataSource={rows}
          scroll={{ x: true }}
          pagination={{ pageSize: 20 }}
          rowClassName={(task) => `task-row task-${task.department}`}
          columns={[
            {
              title: t("案件", "Case"),
              dataIndex: "case_id",
              render: (caseId: string) => <Link to={`/cases/${encodeURIComponent(caseId)}`}>{caseId}</Link>,
            },
            {
              title: t("部门", "Department"),
              dataIndex: "department",
              render: (department: string, task: Task) => (
                <Space size={2}>
                  {label(DEPARTMENTS, department, language)}
                  {task.lead && <Tag color="blue">{t("牵头", "Lead")}</Tag>}
                </Space>
              ),
            },
            { title: t("状态", "Status"), dataIndex: "status", render: (status: string) => label(TASK_STATUSES, status, language) },
            { title: t("时限", "Time left"), render: (_: unknown, task: Task) => <TaskClock task={task} now={now} /> },
            {
              title: t("升级", "Escalation"),
              dataIndex: "escalation_level",
              render: (level: number) => (level > 0 ? <Tag color="red">{label(ESCALATION_LEVELS, String(level), language)}</Tag> : "—"),
            },
            {
              title: t("异议 / 挂起", "Dispute / pause"),
              render: (_: unknown, task: Task) => (
                <Typography.Text type="secondary">{task.dispute_reason ?? (task.pause_state !== "none" ? task.pause_state : "")}</Typography.Text>
              ),
            },
            { title: t("操作", "Actions"), render: (_: unknown, task: Task) => <TaskActions task={task} onDone={() => void refresh()} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
