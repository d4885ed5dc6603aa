import { Card, Form, Input, InputNumber, Select, Table, Tag } from "antd";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { hasAny } from "../../auth/session";
import { useSession } from "../../auth/SessionContext";
import { ActionButton } from "../../components/ActionButton";
import { useI18n } from "../../i18n/I18n";
import { DEPARTMENTS, OUTCOMES, label, options } from "../../i18n/labels";
import { shown } from "../../time";

type Case = Schemas["CasePublic"];
type JointAction = Schemas["JointActionPublic"];

/** 联合执法: scheduled on-site actions and, once done, what they achieved. */
export function JointActions({ kase, onDone }: { kase: Case; onDone: () => void }) {
  const api = useApi();
  const session = useSession();
  const { t, language } = useI18n();
  const township = hasAny(session, ["township_officer"]) && session.township === kase.township;

  return (
    <Card title={t("联合执法", "Joint actions")} size="small">
      <Table<JointAction>
        rowKey="action_id"
        size="small"
        pagination={false}
        dataSource={kase.joint_actions}
        columns={[
          { title: t("时间", "When"), dataIndex: "scheduled_for", render: (at: string) => shown(at) },
          { title: t("地点", "Place"), dataIndex: "place" },
          {
            title: t("部门", "Departments"),
            dataIndex: "departments",
            render: (departments: string[]) => departments.map((d) => <Tag key={d}>{label(DEPARTMENTS, d, language)}</Tag>),
          },
          {
            title: t("结果", "Outcome"),
            render: (_: unknown, action: JointAction) =>
              action.outcome ? (
                `${label(OUTCOMES, action.outcome, language)}${action.fine_amount_yuan ? ` ¥${action.fine_amount_yuan}` : ""}：${action.note ?? ""}`
              ) : township ? (
                <ActionButton<Schemas["OutcomeReport"]>
                  size="small"
                  onDone={onDone}
                  title={t("记录联合执法结果", "Record the joint action's outcome")}
                  fields={
                    <>
                      <Form.Item name="outcome" label={t("结果", "Outcome")} rules={[{ required: true }]}>
                        <Select options={options(OUTCOMES, language)} />
                      </Form.Item>
                      <Form.Item name="fine_amount_yuan" label={t("罚款金额（元，罚款时填）", "Fine in yuan (if fined)")}>
                        <InputNumber min={1} max={100000000} precision={0} style={{ width: "100%" }} />
                      </Form.Item>
                      <Form.Item name="note" label={t("情况", "Note")} rules={[{ required: true, min: 2 }]}>
                        <Input.TextArea rows={2} maxLength={2000} />
                      </Form.Item>
                    </>
                  }
                  done={t("已记录", "Recorded")}
                  run={(body) =>
                    ok(
                      api.POST("/api/enforcement/cases/{case_id}/joint-actions/{action_id}/outcome", {
                        params: { path: { case_id: kase.case_id, action_id: action.action_id } },
                        body,
                      }),
                    )
                  }
                >
                  {t("记录结果", "Record")}
                </ActionButton>
              ) : (
                t("待执行", "Pending")
              ),
          },
        ]}
      />
    </Card>
  );
}
