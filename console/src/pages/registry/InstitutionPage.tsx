import { Alert, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Timeline, Typography } from "antd";
import { useEffect, useState } from "react";
import { useParams } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { useI18n } from "../../i18n/I18n";
import { DEPARTMENTS, SEVERITIES, label } from "../../i18n/labels";
import { CATEGORIES, DISTRICTS, LISTS, NON_SUBJECT_KINDS, RUNGS, STATES } from "../../i18n/registry";
import { shown } from "../../time";
import { InstitutionCases } from "./InstitutionCases";
import { LicenceTags } from "./LicenceTags";
import { LIST_COLOURS, STATE_COLOURS } from "./colours";
import { RiskCard } from "./RiskCard";

type Detail = Schemas["InstitutionDetail"];

/** 机构档案: the registry record, its licences, lifecycle, open orders, cases and risk. */
export default function InstitutionPage() {
  const { institutionId = "" } = useParams();
  const api = useApi();
  const { t, language } = useI18n();
  const [record, setRecord] = useState<Detail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    ok(api.GET("/api/institutions/institutions/{institution_id}", { params: { path: { institution_id: institutionId } } }))
      .then((found) => (setRecord(found), setProblem(null)))
      .catch((error: Error) => setProblem(error.message));
  }, [api, institutionId]);

  if (problem) return <Alert type="warning" showIcon message={t("机构不存在或无权查看", "No such institution in your area")} description={problem} />;
  if (!record) return <Card loading />;
  const kind = record.non_subject_kind ? ` · ${label(NON_SUBJECT_KINDS, record.non_subject_kind, language)}` : "";

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="record-name">{record.name}</span>
            <Tag color={STATE_COLOURS[record.state]}>{label(STATES, record.state, language)}</Tag>
            {record.list_status !== "none" && <Tag color={LIST_COLOURS[record.list_status]}>{label(LISTS, record.list_status, language)}</Tag>}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t("统一社会信用代码", "Credit code")}>{record.credit_code}</Descriptions.Item>
          <Descriptions.Item label={t("类别", "Category")}>{label(CATEGORIES, record.category, language) + kind}</Descriptions.Item>
          <Descriptions.Item label={t("主管部门", "Supervising department")}>{label(DEPARTMENTS, record.supervising_department, language)}</Descriptions.Item>
          <Descriptions.Item label={t("地址", "Address")} span={2}>{record.address}</Descriptions.Item>
          <Descriptions.Item label={t("辖区", "Area")}>{`${label(DISTRICTS, record.district, language)} / ${record.township} / ${record.grid}`}</Descriptions.Item>
          <Descriptions.Item label={t("证照", "Licences")} span={3}>
            <LicenceTags institution={record} numbers />
          </Descriptions.Item>
          <Descriptions.Item label={t("非营利登记", "Non-profit")}>{record.non_profit ? t("是", "Yes") : t("否", "No")}</Descriptions.Item>
          <Descriptions.Item label={t("未消课预收费", "Unsettled prepaid")}>{`${record.unsettled_prepaid_yuan} 元`}</Descriptions.Item>
          <Descriptions.Item label={t("名单", "List")}>
            {record.list_status === "none" ? "—" : `${label(LISTS, record.list_status, language)}：${record.list_reason ?? ""}（${record.list_date ?? ""}）`}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <RiskCard institutionId={institutionId} />
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("生命周期", "Lifecycle")} size="small">
            {record.history.length === 0 ? (
              <Empty description={t("登记以来状态未变", "Unchanged since registered")} />
            ) : (
              <Timeline
                items={record.history.map((entry) => ({
                  color: STATE_COLOURS[entry.to_state] === "red" ? "red" : "blue",
                  children: (
                    <div data-testid="lifecycle-entry">
                      <Typography.Text strong>
                        {`${label(STATES, entry.from_state, language)} → ${label(STATES, entry.to_state, language)}`}
                      </Typography.Text>{" "}
                      <Typography.Text type="secondary">{`${shown(entry.changed_at)} · ${entry.changed_by}`}</Typography.Text>
                      <div>{entry.reason}</div>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t("未销号的整改督办单", "Open rectification orders")} size="small">
        <Table
          rowKey="order_id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={record.open_orders}
          locale={{ emptyText: t("没有未销号的督办单", "No open orders") }}
          columns={[
            { title: t("编号", "Number"), dataIndex: "number" },
            { title: t("级别", "Severity"), dataIndex: "severity", render: (value: string) => label(SEVERITIES, value, language) },
            { title: t("问题数", "Findings"), dataIndex: "findings" },
            { title: t("整改时限", "Deadline"), dataIndex: "deadline", render: (value: string) => shown(value) },
            { title: t("问责阶梯", "Ladder"), dataIndex: "rung", render: (value: string | null) => label(RUNGS, value, language) },
          ]}
        />
      </Card>
      <Card title={t("未整改的违规", "Open violations")} size="small">
        <Table
          rowKey="violation_id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={record.open_violations}
          locale={{ emptyText: t("没有未整改的违规", "No open violations") }}
          columns={[
            { title: t("规则", "Rule"), dataIndex: "rule" },
            { title: t("情况", "Evidence"), dataIndex: "evidence" },
            { title: t("发现时间", "Found"), dataIndex: "found_at", render: (value: string) => shown(value) },
          ]}
        />
      </Card>
      <InstitutionCases institutionId={institutionId} />
    </Space>
  );
}
