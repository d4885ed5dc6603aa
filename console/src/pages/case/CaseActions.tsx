import { DatePicker, Form, Input, Select, Space } from "antd";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { hasAny } from "../../auth/session";
import { useSession } from "../../auth/SessionContext";
import { ActionButton } from "../../components/ActionButton";
import { useI18n } from "../../i18n/I18n";
import { DEPARTMENTS, options } from "../../i18n/labels";
import { ZONE, dayjs } from "../../time";

type Case = Schemas["CasePublic"];

/** The township's moves on the whole case, and the reporting grid's check and rating. */
export function CaseActions({ kase, onDone }: { kase: Case; onDone: () => void }) {
  const api = useApi();
  const session = useSession();
  const { t, language } = useI18n();
  const path = { params: { path: { case_id: kase.case_id } } };
  const township = hasAny(session, ["township_officer"]) && session.township === kase.township;
  const grid = hasAny(session, ["grid_worker"]);
  const open = kase.status === "open";
  const everyoneFedBack =
    kase.tasks.length > 0 &&
    kase.tasks.every((task) => ["fed_back", "closed", "reassigned", "released"].includes(task.status));
  const common = { onDone };

  return (
    <Space wrap>
      {township && open && (
        <>
          <ActionButton
            {...common}
            type="primary"
            disabled={!everyoneFedBack}
            title={t("核验办结", "Verify and close")}
            done={t("已办结", "Closed")}
            run={() => ok(api.POST("/api/enforcement/cases/{case_id}/verify", path))}
          >
            {t("核验办结", "Verify and close")}
          </ActionButton>
          <ActionButton<Schemas["CallDepartments"]>
            {...common}
            title={t("吹哨：增派部门", "Call more departments")}
            fields={
              <>
                <Form.Item name="departments" label={t("部门", "Departments")} rules={[{ required: true }]}>
                  <Select mode="multiple" options={options(DEPARTMENTS, language)} />
                </Form.Item>
                <Form.Item name="reason" label={t("理由", "Reason")} rules={[{ required: true, min: 2 }]}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </>
            }
            done={t("已吹哨", "Called")}
            run={(body) => ok(api.POST("/api/enforcement/cases/{case_id}/departments", { ...path, body }))}
          >
            {t("增派部门", "Call departments")}
          </ActionButton>
          <ActionButton<{ departments: string[]; scheduled_for: dayjs.Dayjs; place: string }>
            {...common}
            title={t("安排联合执法", "Schedule a joint action")}
            fields={
              <>
                <Form.Item name="departments" label={t("参与部门（至少两个）", "Departments (two or more)")} rules={[{ required: true, type: "array", min: 2 }]}>
                  <Select
                    mode="multiple"
                    options={options(DEPARTMENTS, language).filter((option) =>
                      kase.tasks.some((task) => task.department === option.value),
                    )}
                  />
                </Form.Item>
                <Form.Item name="scheduled_for" label={t("时间（北京时间）", "When (Beijing time)")} rules={[{ required: true }]}>
                  <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
                </Form.Item>
                <Form.Item name="place" label={t("地点", "Place")} rules={[{ required: true }]}>
                  <Input maxLength={500} />
                </Form.Item>
              </>
            }
            done={t("已安排", "Scheduled")}
            run={(values) =>
              ok(
                api.POST("/api/enforcement/cases/{case_id}/joint-actions", {
                  ...path,
                  body: {
                    departments: values.departments as Schemas["Department"][],
                    place: values.place,
                    // What was picked is Beijing time, whatever zone the browser is in.
                    scheduled_for: dayjs.tz(values.scheduled_for.format("YYYY-MM-DDTHH:mm"), ZONE).toISOString(),
                  },
                }),
              )
            }
          >
            {t("联合执法", "Joint action")}
          </ActionButton>
        </>
      )}
      {township && kase.rating?.satisfaction === "dissatisfied" && kase.rating.rating_status === "rated" && (
        <ActionButton<Schemas["Review"]>
          {...common}
          title={t("复核不满意评价", "Review the dissatisfaction")}
          fields={
            <>
              <Form.Item name="reopen" label={t("决定", "Decision")} rules={[{ required: true }]}>
                <Select
                  options={[
                    { value: true, label: t("重新办理", "Reopen to the departments") },
                    { value: false, label: t("维持办结", "Keep it closed") },
                  ]}
                />
              </Form.Item>
              <Form.Item name="reason" label={t("理由", "Reason")} rules={[{ required: true, min: 2 }]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          }
          done={t("已复核", "Reviewed")}
          run={(body) => ok(api.POST("/api/enforcement/cases/{case_id}/rating/review", { ...path, body }))}
        >
          {t("复核评价", "Review rating")}
        </ActionButton>
      )}
      {(grid || township) && kase.confirmation?.confirmation_status === "awaiting" && (
        <ActionButton<Schemas["OnSiteConfirmation"]>
          {...common}
          type="primary"
          title={t("现场核查", "Check on site (核查)")}
          fields={
            <>
              <Form.Item name="solved" label={t("问题是否解决", "Is it solved?")} rules={[{ required: true }]}>
                <Select
                  options={[
                    { value: true, label: t("已解决", "Solved") },
                    { value: false, label: t("未解决，退回部门", "Not solved: back to the departments") },
                  ]}
                />
              </Form.Item>
              <Form.Item name="note" label={t("核查情况", "What you found")} rules={[{ required: true, min: 2 }]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          }
          done={t("已核查", "Checked")}
          run={(body) => ok(api.POST("/api/enforcement/cases/{case_id}/confirmation", { ...path, body }))}
        >
          {t("现场核查", "Check on site")}
        </ActionButton>
      )}
      {grid && kase.rating?.rating_status === "awaiting" && (
        <ActionButton<Schemas["Rating"]>
          {...common}
          title={t("评价办理结果", "Rate how it was handled")}
          fields={
            <>
              <Form.Item name="satisfaction" label={t("满意度", "Satisfaction")} rules={[{ required: true }]}>
                <Select
                  options={[
                    { value: "satisfied", label: t("满意", "Satisfied") },
                    { value: "basically_satisfied", label: t("基本满意", "Basically satisfied") },
                    { value: "dissatisfied", label: t("不满意", "Dissatisfied") },
                  ]}
                />
              </Form.Item>
              <Form.Item name="reason" label={t("说明（不满意时必填）", "Why (needed if dissatisfied)")}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          }
          done={t("已评价", "Rated")}
          run={(body) => ok(api.POST("/api/enforcement/cases/{case_id}/rating", { ...path, body }))}
        >
          {t("评价", "Rate")}
        </ActionButton>
      )}
    </Space>
  );
}
