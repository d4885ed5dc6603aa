import { Alert, Button, Card, Form, Input, Progress, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { ActionButton } from "../../components/ActionButton";
import { useI18n } from "../../i18n/I18n";
import { label } from "../../i18n/labels";
import { shown } from "../../time";
import { ItemCard } from "./ItemCard";
import { APPLICABILITY, INSPECTION_KINDS, UNIT_KINDS } from "./names";

type Inspection = Schemas["InspectionDetail"];
type Checklist = Schemas["Checklist"];
type Result = Schemas["ResultPublic"];

/** 现场检查: the checklist version the inspection was started with, item by item, then 完成. */
export default function ChecklistPage() {
  const { inspectionId = "" } = useParams();
  const api = useApi();
  const { t, language } = useI18n();
  const [inspection, setInspection] = useState<Inspection>();
  const [checklist, setChecklist] = useState<Checklist>();
  const [failure, setFailure] = useState<string>();

  const load = useCallback(async () => {
    try {
      const found = await ok(
        api.GET("/api/inspections/inspections/{inspection_id}", {
          params: { path: { inspection_id: inspectionId } },
        }),
      );
      setInspection(found);
      setChecklist(
        await ok(
          api.GET("/api/inspections/checklist/{version}", {
            params: { path: { version: found.checklist_version } },
          }),
        ),
      );
    } catch (error) {
      setFailure(String((error as Error).message));
    }
  }, [api, inspectionId]);
  useEffect(() => void load(), [load]);

  if (failure) return <Alert type="error" message={failure} />;
  if (!inspection || !checklist) return <Card loading />;

  const applicable = checklist.items.filter((item) =>
    item.applies_to.includes(APPLICABILITY[inspection.unit_kind] as never),
  );
  const recorded = new Map(inspection.results.map((result) => [result.item_no, result]));
  const done = applicable.filter((item) => recorded.has(item.no)).length;
  const failed = inspection.results.filter((result) => result.result === "fail").length;
  const running = inspection.status === "in_progress";
  // Answers saved in quick succession may come back out of order: keep each item's newest.
  const onSaved = (results: Result[]) =>
    setInspection((current) => current && { ...current, results: newest(current.results, results) });

  return (
    <Space direction="vertical" size={12} style={{ width: "100%", maxWidth: 640, margin: "0 auto", display: "flex" }}>
      <Card size="small" title={inspection.unit_name} data-testid="inspection-header">
        <Space direction="vertical" size={4} style={{ width: "100%" }}>
          <Space wrap size={4}>
            <Tag>{label(UNIT_KINDS, inspection.unit_kind, language)}</Tag>
            <Tag color="purple">{label(INSPECTION_KINDS, inspection.kind, language)}</Tag>
            <Tag color={running ? "processing" : "green"} data-testid="inspection-status">
              {running ? t("检查中", "In progress") : t("已完成", "Completed")}
            </Tag>
            {failed > 0 && <Tag color="red">{t(`不合格 ${failed} 项`, `${failed} failed`)}</Tag>}
          </Space>
          <Typography.Text type="secondary">
            {`${checklist.title} ${checklist.version} · ${t("开始于", "started")} ${shown(inspection.started_at)}`}
          </Typography.Text>
          <Progress
            percent={Math.round((done / applicable.length) * 100)}
            format={() => `${done}/${applicable.length}`}
          />
        </Space>
      </Card>
      {!running && <Outcome inspection={inspection} />}
      {applicable.map((item) => (
        <ItemCard
          key={item.no}
          inspectionId={inspection.inspection_id}
          item={item}
          recorded={recorded.get(item.no)}
          editable={running}
          onSaved={onSaved}
        />
      ))}
      {running && (
        <ActionButton<{ requirements?: string }>
          type="primary"
          size="large"
          block
          disabled={done < applicable.length}
          title={t("完成检查", "Complete the inspection")}
          done={t("检查已完成", "Inspection completed")}
          onDone={() => void load()}
          run={(values) =>
            ok(
              api.POST("/api/inspections/inspections/{inspection_id}/complete", {
                params: { path: { inspection_id: inspection.inspection_id } },
                body: { requirements: values.requirements?.trim() || null },
              }),
            )
          }
          fields={
            <>
              <Typography.Paragraph>
                {failed > 0
                  ? t(
                      `${failed} 项不合格，将下发一份整改督办单。`,
                      `${failed} failed item(s): one rectification order will be issued.`,
                    )
                  : t("全部合格，不下发督办单。", "Everything passed: no order.")}
              </Typography.Paragraph>
              {failed > 0 && (
                <Form.Item
                  name="requirements"
                  label={t("整改要求（留空用默认要求）", "Requirements (blank for the default)")}
                  rules={[{ min: 5 }]}
                >
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
              )}
            </>
          }
        >
          {done < applicable.length
            ? t(`还有 ${applicable.length - done} 项未填`, `${applicable.length - done} item(s) left`)
            : t("完成检查", "Complete the inspection")}
        </ActionButton>
      )}
    </Space>
  );
}

function newest(kept: Result[], arrived: Result[]): Result[] {
  const byItem = new Map(kept.map((result) => [result.item_no, result]));
  for (const result of arrived) {
    const known = byItem.get(result.item_no);
    if (!known || known.recorded_at <= result.recorded_at) byItem.set(result.item_no, result);
  }
  return [...byItem.values()].sort((a, b) => a.item_no - b.item_no);
}

function Outcome({ inspection }: { inspection: Inspection }) {
  const { t } = useI18n();
  if (!inspection.order_id) {
    return <Alert type="success" showIcon message={t("检查完成，全部合格", "Completed: everything passed")} />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="order-issued"
      message={t("检查完成，已下发整改督办单", "Completed: a rectification order was issued")}
      action={
        <Link to={`/orders/${encodeURIComponent(inspection.order_id)}`}>
          <Button size="small">{t("查看督办单", "Open the order")}</Button>
        </Link>
      }
    />
  );
}
