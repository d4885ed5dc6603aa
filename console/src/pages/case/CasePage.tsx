import { Alert, App, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Timeline, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useParams } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { TaskClock } from "../../components/TaskClock";
import { useNow } from "../../components/useNow";
import { useI18n } from "../../i18n/I18n";
import {
  CASE_STATUSES,
  DEPARTMENTS,
  ESCALATION_LEVELS,
  INCIDENT_TYPES,
  OUTCOMES,
  TASK_STATUSES,
  label,
} from "../../i18n/labels";
import { useLive } from "../../live/LiveContext";
import { shown } from "../../time";
import { CaseActions } from "./CaseActions";
import { JointActions } from "./JointActions";
import { Photos } from "./Photos";
import { TaskActions } from "./TaskActions";
import { eventFacts, eventName, shortType } from "./timeline";

type Case = Schemas["CasePublic"];
type Task = Schemas["TaskPublic"];

/** The case as every role sees it: the report, the institution, each department, the history. */
export default function CasePage() {
  const { caseId = "" } = useParams();
  const api = useApi();
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const now = useNow();
  const [kase, setCase] = useState<Case | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setCase(await ok(api.GET("/api/enforcement/cases/{case_id}", { params: { path: { case_id: caseId } } })));
      setProblem(null);
    } catch (error) {
      setProblem(String((error as Error).message));
    }
  }, [api, caseId]);
  useEffect(() => void load(), [load]);
  useLive((event) => {
    if (event.case_id === caseId) void load().catch((error: Error) => message.error(error.message));
  });

  if (problem) return <Alert type="info" showIcon message={t("案件尚未生成或无权查看", "No such case yet, or not yours to see")} description={problem} />;
  if (!kase) return <Card loading />;

  const columns = [
    {
      title: t("部门", "Department"),
      dataIndex: "department",
      render: (department: string, task: Task) => (
        <Space>
          {label(DEPARTMENTS, department, language)}
          {task.lead && <Tag color="blue">{t("牵头", "Lead")}</Tag>}
        </Space>
      ),
    },
    {
      title: t("状态", "Status"),
      dataIndex: "status",
      render: (status: string, task: Task) => (
        <Space wrap size={2}>
          <Tag data-testid={`task-status-${task.department}`}>{label(TASK_STATUSES, status, language)}</Tag>
          {task.pause_state !== "none" && <Tag color="purple">{task.pause_state === "paused" ? t("已挂起", "Paused") : t("申请挂起", "Pause asked")}</Tag>}
          {task.rework_count > 0 && <Tag color="volcano">{t(`返工 ${task.rework_count}`, `Rework ${task.rework_count}`)}</Tag>}
        </Space>
      ),
    },
    {
      title: t("时限", "Deadline"),
      render: (_: unknown, task: Task) => <TaskClock task={task} now={now} />,
    },
    {
      title: t("升级", "Escalation"),
      dataIndex: "escalation_level",
      render: (level: number) => (
        <Tag color={level > 0 ? "red" : "default"}>{label(ESCALATION_LEVELS, String(level), language)}</Tag>
      ),
    },
    {
      title: t("处置结果", "Outcome"),
      render: (_: unknown, task: Task) =>
        task.outcome ? `${label(OUTCOMES, task.outcome, language)}：${task.outcome_note ?? ""}` : "—",
    },
    { title: t("操作", "Actions"), render: (_: unknown, task: Task) => <TaskActions task={task} onDone={() => void load()} /> },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={
          <Space wrap>
            {label(INCIDENT_TYPES, kase.incident_type, language)}
            <Tag color={kase.status === "closed" ? "green" : "orange"} data-testid="case-status">
              {label(CASE_STATUSES, kase.status, language)}
            </Tag>
          </Space>
        }
        extra={<CaseActions kase={kase} onDone={() => void load()} />}
      >
        <Descriptions column={{ xs: 1, md: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t("案件编号", "Case")}>{kase.case_id}</Descriptions.Item>
          <Descriptions.Item label={t("上报人", "Reporter")}>{kase.reporter ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("上报时间", "Reported")}>{shown(kase.reported_at)}</Descriptions.Item>
          <Descriptions.Item label={t("机构", "Institution")}>{kase.institution_name ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("地址", "Address")}>{kase.institution_address ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("辖区", "Where")}>{`${kase.district} / ${kase.township}`}</Descriptions.Item>
          <Descriptions.Item label={t("情况", "What")} span={3}>{kase.description ?? kase.summary}</Descriptions.Item>
          {kase.closed_at && <Descriptions.Item label={t("办结时间", "Closed")}>{shown(kase.closed_at)}</Descriptions.Item>}
        </Descriptions>
        <Photos incidentId={kase.incident_id} />
      </Card>
      <Card title={t("各部门办理", "Departments")} size="small">
        <Table<Task> rowKey="task_id" columns={columns} dataSource={kase.tasks} pagination={false} scroll={{ x: true }} size="small" />
      </Card>
      {kase.joint_actions.length > 0 && <JointActions kase={kase} onDone={() => void load()} />}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card title={t("办理时间线", "Timeline")} size="small">
            {kase.timeline.length === 0 ? (
              <Empty />
            ) : (
              <Timeline
                items={kase.timeline.map((entry) => ({
                  color: { TaskEscalated: "red", CaseClosed: "green" }[shortType(entry.event_type)] ?? "blue",
                  children: (
                    <div data-testid="timeline-entry" data-type={shortType(entry.event_type)}>
                      <Typography.Text strong>{eventName(entry.event_type, language)}</Typography.Text>{" "}
                      <Typography.Text type="secondary">{shown(entry.at, "MM-DD HH:mm:ss")}</Typography.Text>
                      <div>{eventFacts(entry.data, language)}</div>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
