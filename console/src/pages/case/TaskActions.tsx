import { Form, Input, InputNumber, Select, Space } from "antd";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { hasAny } from "../../auth/session";
import { useSession } from "../../auth/SessionContext";
import { ActionButton } from "../../components/ActionButton";
import { useI18n } from "../../i18n/I18n";
import { DEPARTMENTS, OUTCOMES, PAUSE_REASONS, options } from "../../i18n/labels";

type Task = Schemas["TaskPublic"];

const reasonField = (label: string) => (
  <Form.Item name="reason" label={label} rules={[{ required: true, min: 2 }]}>
    <Input.TextArea rows={3} maxLength={2000} />
  </Form.Item>
);

/** What the person logged in may do to this task now: its department acts, the township rules. */
export function TaskActions({ task, onDone }: { task: Task; onDone: () => void }) {
  const api = useApi();
  const session = useSession();
  const { t, language } = useI18n();
  const path = { params: { path: { task_id: task.task_id } } };
  const ownDepartment =
    hasAny(session, ["department_officer"]) && session.department === task.department;
  const township = hasAny(session, ["township_officer"]);
  const common = { size: "small" as const, onDone };
  const handling = task.status === "acknowledged" && task.pause_state === "none";

  return (
    <Space wrap size={4}>
      {ownDepartment && task.status === "dispatched" && (
        <>
          <ActionButton
            {...common}
            type="primary"
            title={t("部门报到", "Report for duty (报到)")}
            done={t("已报到", "Reported for duty")}
            run={() => ok(api.POST("/api/enforcement/tasks/{task_id}/acknowledge", path))}
          >
            {t("报到", "报到")}
          </ActionButton>
          <ActionButton<{ reason: string }>
            {...common}
            danger
            title={t("提出异议（非本部门职责）", "Dispute (not this department's duty)")}
            fields={reasonField(t("理由", "Reason"))}
            done={t("已提出异议，等待镇街裁定", "Disputed; the township will rule")}
            run={(body) => ok(api.POST("/api/enforcement/tasks/{task_id}/dispute", { ...path, body }))}
          >
            {t("异议", "Dispute")}
          </ActionButton>
        </>
      )}
      {ownDepartment && handling && (
        <>
          <ActionButton<Schemas["OutcomeReport"]>
            {...common}
            type="primary"
            title={t("处置反馈", "Record the outcome")}
            fields={
              <>
                <Form.Item name="outcome" label={t("处置结果", "Outcome")} rules={[{ required: true }]}>
                  <Select options={options(OUTCOMES, language)} />
                </Form.Item>
                <Form.Item noStyle dependencies={["outcome"]}>
                  {({ getFieldValue }) =>
                    getFieldValue("outcome") === "fined" && (
                      <Form.Item name="fine_amount_yuan" label={t("罚款金额（元）", "Fine (yuan)")} rules={[{ required: true }]}>
                        <InputNumber min={1} max={100000000} precision={0} style={{ width: "100%" }} />
                      </Form.Item>
                    )
                  }
                </Form.Item>
                <Form.Item name="note" label={t("处置情况与证据", "What was done, with evidence")} rules={[{ required: true, min: 2 }]}>
                  <Input.TextArea rows={4} maxLength={2000} />
                </Form.Item>
              </>
            }
            done={t("已反馈，等待镇街核验", "Fed back; the township will verify")}
            run={(body) => ok(api.POST("/api/enforcement/tasks/{task_id}/outcome", { ...path, body }))}
          >
            {t("处置反馈", "Outcome")}
          </ActionButton>
          <ActionButton<Schemas["PauseRequest"]>
            {...common}
            title={t("申请挂起", "Ask to pause the clock")}
            fields={
              <>
                <Form.Item name="reason" label={t("挂起事由", "Reason")} rules={[{ required: true }]}>
                  <Select options={options(PAUSE_REASONS, language)} />
                </Form.Item>
                <Form.Item name="note" label={t("说明", "Note")} rules={[{ required: true, min: 2 }]}>
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
              </>
            }
            done={t("已申请挂起", "Pause requested")}
            run={(body) => ok(api.POST("/api/enforcement/tasks/{task_id}/pause", { ...path, body }))}
          >
            {t("挂起", "Pause")}
          </ActionButton>
        </>
      )}
      {township && task.status === "disputed" && (
        <ActionButton<Schemas["Ruling"]>
          {...common}
          type="primary"
          title={t("裁定异议", "Rule on the dispute")}
          fields={
            <>
              <Form.Item name="ruling" label={t("裁定", "Ruling")} rules={[{ required: true }]}>
                <Select
                  options={[
                    { value: "insist", label: t("维持：该部门须办理", "Insist: the department acts") },
                    { value: "reassign", label: t("改派其他部门", "Reassign to another department") },
                  ]}
                />
              </Form.Item>
              <Form.Item noStyle dependencies={["ruling"]}>
                {({ getFieldValue }) =>
                  getFieldValue("ruling") === "reassign" && (
                    <Form.Item name="reassign_to" label={t("改派至", "Reassign to")} rules={[{ required: true }]}>
                      <Select options={options(DEPARTMENTS, language)} />
                    </Form.Item>
                  )
                }
              </Form.Item>
              {reasonField(t("理由", "Reason"))}
            </>
          }
          done={t("已裁定", "Ruled")}
          run={(body) => ok(api.POST("/api/enforcement/tasks/{task_id}/ruling", { ...path, body }))}
        >
          {t("裁定", "Rule")}
        </ActionButton>
      )}
      {township && task.pause_state === "requested" && (
        <ActionButton<{ approved: boolean }>
          {...common}
          title={t("审批挂起申请", "Decide the pause request")}
          fields={
            <Form.Item name="approved" label={t("决定", "Decision")} rules={[{ required: true }]}>
              <Select
                options={[
                  { value: true, label: t("批准（时钟停止）", "Approve (the clock stops)") },
                  { value: false, label: t("不批准", "Refuse") },
                ]}
              />
            </Form.Item>
          }
          done={t("已审批", "Decided")}
          run={(body) => ok(api.POST("/api/enforcement/tasks/{task_id}/pause/decision", { ...path, body }))}
        >
          {t("审批挂起", "Decide pause")}
        </ActionButton>
      )}
      {(township || ownDepartment) && task.pause_state === "paused" && (
        <ActionButton
          {...common}
          title={t("恢复计时", "Resume the clock")}
          done={t("已恢复计时", "Clock resumed")}
          run={() => ok(api.POST("/api/enforcement/tasks/{task_id}/resume", path))}
        >
          {t("恢复", "Resume")}
        </ActionButton>
      )}
      {township && task.status === "fed_back" && (
        <ActionButton<{ reason: string }>
          {...common}
          danger
          title={t("返工：退回重办", "Send back for rework (返工)")}
          fields={reasonField(t("退回理由", "Why"))}
          done={t("已退回", "Sent back")}
          run={(body) => ok(api.POST("/api/enforcement/tasks/{task_id}/send-back", { ...path, body }))}
        >
          {t("返工", "Send back")}
        </ActionButton>
      )}
      {township && ["dispatched", "acknowledged"].includes(task.status) && (
        <ActionButton<{ reason: string }>
          {...common}
          title={t("释放该部门", "Release this department")}
          fields={reasonField(t("理由", "Reason"))}
          done={t("已释放", "Released")}
          run={(body) => ok(api.POST("/api/enforcement/tasks/{task_id}/release", { ...path, body }))}
        >
          {t("释放", "Release")}
        </ActionButton>
      )}
    </Space>
  );
}
