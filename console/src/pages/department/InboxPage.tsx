import { Badge, Card, Segmented, Space, Switch, Table, Tag, Typography } from "antd";
import { useCallback, useState } from "react";
import { Link } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { TaskClock } from "../../components/TaskClock";
import { useNow } from "../../components/useNow";
import { useI18n } from "../../i18n/I18n";
import { ESCALATION_LEVELS, SEVERITIES, TASK_STATUSES, label } from "../../i18n/labels";
import { TaskActions } from "../case/TaskActions";
import { useLiveList } from "../useLiveList";

type Task = Schemas["TaskPublic"];
type Status = Schemas["TaskStatus"];

const TABS: Status[] = ["dispatched", "acknowledged", "disputed", "fed_back", "closed"];
const PAGE = 50;

/** 部门待办: the department's tasks in its jurisdiction, each with its clock running. */
export default function InboxPage() {
  const api = useApi();
  const { t, language } = useI18n();
  const now = useNow();
  const [status, setStatus] = useState<Status>("dispatched");
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const load = useCallback(
    () =>
      ok(
        api.GET("/api/enforcement/tasks", {
          params: {
            query: { status, ...(overdue ? { overdue: true } : {}), offset: (page - 1) * PAGE, limit: PAGE },
          },
        }),
      ),
    [api, status, overdue, page],
  );
  const { rows, count, loading, refresh } = useLiveList(load);

  return (
    <Card
      title={t("部门待办", "Department inbox")}
      extra={
        <Space wrap>
          <Typography.Text>{t("只看超时", "Overdue only")}</Typography.Text>
          <Switch checked={overdue} onChange={(value) => (setOverdue(value), setPage(1))} />
        </Space>
      }
    >
      <Segmented<Status>
        value={status}
        onChange={(value) => (setStatus(value), setPage(1))}
        options={TABS.map((value) => ({ value, label: label(TASK_STATUSES, value, language) }))}
        style={{ marginBottom: 12 }}
      />
      <Table<Task>
        rowKey="task_id"
        size="middle"
        loading={loading}
        dataSource={rows}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: PAGE, total: count, onChange: setPage, showSizeChanger: false }}
        rowClassName={(task) => `task-row task-${task.department}`}
        columns={[
          {
            title: t("案件", "Case"),
            dataIndex: "case_id",
            render: (caseId: string, task: Task) => (
              <Space direction="vertical" size={0}>
                <Link to={`/cases/${encodeURIComponent(caseId)}`} data-testid="inbox-case">
                  {caseId}
                </Link>
                <Typography.Text type="secondary">{`${task.district} / ${task.township}`}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t("级别", "Severity"),
            dataIndex: "severity",
            render: (severity: string, task: Task) => (
              <Space size={2}>
                <Tag color={severity === "urgent" ? "red" : severity === "complex" ? "purple" : "blue"}>
                  {label(SEVERITIES, severity, language)}
                </Tag>
                {task.lead && <Tag color="geekblue">{t("牵头", "Lead")}</Tag>}
              </Space>
            ),
          },
          { title: t("时限", "Time left"), render: (_: unknown, task: Task) => <TaskClock task={task} now={now} /> },
          {
            title: t("升级", "Escalation"),
            dataIndex: "escalation_level",
            render: (level: number) =>
              level > 0 ? <Badge status="error" text={label(ESCALATION_LEVELS, String(level), language)} /> : "—",
          },
          { title: t("操作", "Actions"), render: (_: unknown, task: Task) => <TaskActions task={task} onDone={() => void refresh()} /> },
        ]}
      />
    </Card>
  );
}
