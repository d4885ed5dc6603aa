import { Alert, Card, Descriptions, Form, Input, List, Radio, Space, Tag, Timeline, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useParams } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { hasAny } from "../../auth/session";
import { useSession } from "../../auth/SessionContext";
import { ActionButton } from "../../components/ActionButton";
import { useI18n } from "../../i18n/I18n";
import { SEVERITIES, label } from "../../i18n/labels";
import { shown } from "../../time";
import { EvidenceField, EvidenceThumbs, uploadedHashes } from "./Evidence";
import { HISTORY_KINDS, ORDER_COLOURS, ORDER_STATUSES } from "./names";
import type { UploadFile } from "antd";

type Order = Schemas["OrderDetail"];

/** 整改督办单 in the template's order: problems, requirements and deadline, signature, history. */
export default function OrderPage() {
  const { orderId = "" } = useParams();
  const api = useApi();
  const { t, language } = useI18n();
  const [order, setOrder] = useState<Order>();
  const [failure, setFailure] = useState<string>();
  const load = useCallback(
    () =>
      ok(api.GET("/api/inspections/orders/{order_id}", { params: { path: { order_id: orderId } } })).then(
        setOrder,
        (error: Error) => setFailure(error.message),
      ),
    [api, orderId],
  );
  useEffect(() => void load(), [load]);

  if (failure) return <Alert type="error" message={failure} />;
  if (!order) return <Card loading />;
  const path = `/api/inspections/orders/${encodeURIComponent(order.order_id)}`;
  const form = order.form;

  return (
    <Space direction="vertical" size={12} style={{ width: "100%", maxWidth: 720, margin: "0 auto", display: "flex" }}>
      <Card
        size="small"
        title={form.title}
        extra={
          <Tag color={ORDER_COLOURS[order.status]} data-testid="order-status">
            {label(ORDER_STATUSES, order.status, language)}
          </Tag>
        }
      >
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t("编号", "Number")}>
            <span data-testid="order-number">{form.number}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("督办对象", "Unit")}>{form.target}</Descriptions.Item>
          <Descriptions.Item label={t("督办时间", "Issued on")}>{form.issued_on}</Descriptions.Item>
          <Descriptions.Item label={t("级别", "Severity")}>{label(SEVERITIES, order.severity, language)}</Descriptions.Item>
          <Descriptions.Item label={t("整改时限", "Deadline")}>{shown(order.deadline)}</Descriptions.Item>
          <Descriptions.Item label={t("责任督学", "Inspector")}>{form.inspector}</Descriptions.Item>
          <Descriptions.Item label={t("签收", "Signed")}>
            {form.signed_on ? `${form.signed_by_unit} ${form.signed_on}` : t("未签收", "Not yet")}
          </Descriptions.Item>
          {form.contact_name && (
            <Descriptions.Item label={t("联系人", "Contact")}>{`${form.contact_name} ${form.contact_phone}`}</Descriptions.Item>
          )}
        </Descriptions>
        <OrderActions order={order} path={path} onDone={() => void load()} />
      </Card>
      <Card size="small" title={t("发现的问题", "Problems found")}>
        <List
          dataSource={order.findings}
          renderItem={(finding) => (
            <List.Item data-testid={`finding-${finding.item_no}`}>
              <Space direction="vertical" size={4} style={{ width: "100%" }}>
                <Typography.Text strong>{`${t("第", "Item ")}${finding.item_no}${t("项", "")} ${finding.item}`}</Typography.Text>
                <Typography.Text>{finding.note}</Typography.Text>
                {finding.rectified_at && <Tag color="green">{t("已整改", "Rectified")}</Tag>}
                <EvidenceThumbs path={path} hashes={finding.photos} />
              </Space>
            </List.Item>
          )}
        />
        <Typography.Paragraph style={{ marginTop: 8 }}>
          {t("整改要求：", "Requirements: ")}
          {form.requirements}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t("办理过程", "History")}>
        <Timeline
          items={[
            { children: `${shown(order.issued_at)} ${t("下发督办单", "Issued")} · ${order.inspector}` },
            ...order.history.map((entry) => ({
              color: entry.passed === false ? "red" : entry.passed ? "green" : "blue",
              children: (
                <div data-testid="order-entry" data-kind={entry.kind}>
                  {`${shown(entry.at)} ${label(HISTORY_KINDS, entry.kind, language)}`}
                  {entry.passed != null && ` · ${entry.passed ? t("通过", "passed") : t("未通过", "not passed")}`}
                  {` · ${entry.by}`}
                  {entry.note && <div>{entry.note}</div>}
                  <EvidenceThumbs path={path} hashes={entry.files} />
                </div>
              ),
            })),
          ]}
        />
      </Card>
    </Space>
  );
}

interface Reinspection {
  passed: boolean;
  note: string;
  files?: UploadFile[];
}

/** The step that is the caller's: the unit signs and sends evidence, the inspector re-inspects. */
function OrderActions({ order, path, onDone }: { order: Order; path: string; onDone: () => void }) {
  const api = useApi();
  const session = useSession();
  const { t } = useI18n();
  const at = { params: { path: { order_id: order.order_id } } };
  const staff = hasAny(session, ["institution_staff"]);
  const inspector = hasAny(session, ["inspector"]);
  const note = (min: number) => (
    <Form.Item name="note" label={t("说明", "Note")} rules={[{ required: true, min }]}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );

  return (
    <Space wrap style={{ marginTop: 8 }}>
      {staff && order.status === "issued" && (
        <ActionButton<Schemas["Acknowledgement"]>
          type="primary"
          title={t("签收督办单", "Sign for the order")}
          done={t("已签收", "Signed")}
          onDone={onDone}
          run={(body) => ok(api.POST("/api/inspections/orders/{order_id}/acknowledge", { ...at, body }))}
          fields={
            <>
              <Form.Item name="contact_name" label={t("联系人", "Contact")} rules={[{ required: true }]}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="contact_phone" label={t("联系电话", "Phone")} rules={[{ required: true }]}>
                <Input maxLength={20} inputMode="tel" />
              </Form.Item>
            </>
          }
        >
          {t("签收", "Sign")}
        </ActionButton>
      )}
      {staff && order.status === "rectifying" && (
        <ActionButton<{ note: string; files?: UploadFile[] }>
          type="primary"
          title={t("提交整改材料", "Submit rectification evidence")}
          done={t("已提交，等待复查", "Submitted; a re-inspection follows")}
          onDone={onDone}
          run={(values) =>
            ok(
              api.POST("/api/inspections/orders/{order_id}/evidence", {
                ...at,
                body: { note: values.note, files: uploadedHashes(values.files) },
              }),
            )
          }
          fields={
            <>
              {note(5)}
              <EvidenceField path={path} />
            </>
          }
        >
          {t("提交整改材料", "Submit evidence")}
        </ActionButton>
      )}
      {inspector && order.status === "awaiting_reinspection" && (
        <ActionButton<Reinspection>
          type="primary"
          title={t("复查", "Re-inspect")}
          done={t("复查已记录", "Re-inspection recorded")}
          onDone={onDone}
          run={(values) =>
            ok(
              api.POST("/api/inspections/orders/{order_id}/reinspection", {
                ...at,
                body: { passed: values.passed, note: values.note, files: uploadedHashes(values.files) },
              }),
            )
          }
          fields={
            <>
              <Form.Item name="passed" label={t("复查结论", "Result")} rules={[{ required: true }]}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={[
                    { value: true, label: t("合格，销号", "Passed: close it") },
                    { value: false, label: t("不合格，继续整改", "Not passed: rectify again") },
                  ]}
                />
              </Form.Item>
              {note(2)}
              <EvidenceField path={path} />
            </>
          }
        >
          {t("复查", "Re-inspect")}
        </ActionButton>
      )}
    </Space>
  );
}
