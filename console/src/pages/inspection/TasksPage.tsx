import { Button, Card, Form, List, Select, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { useSession } from "../../auth/SessionContext";
import { ActionButton } from "../../components/ActionButton";
import { useI18n } from "../../i18n/I18n";
import { label, options } from "../../i18n/labels";
import { dayjs, shown, ZONE } from "../../time";
import { useLiveList } from "../useLiveList";
import { INSPECTION_KINDS, ORDER_COLOURS, ORDER_STATUSES, UNIT_KINDS } from "./names";
import { myTargets, whereAmI, type Target } from "./targets";

type Plan = Schemas["PlanPublic"];
type Kind = Schemas["InspectionKind"];

/** 我的检查任务: the units I am listed for (挂牌督学), where each stands, and the district's plans. */
export default function TasksPage() {
  const api = useApi();
  const session = useSession();
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const load = useCallback(() => myTargets(api, session.username), [api, session.username]);
  const { rows, loading } = useLiveList(load);
  const plans = useCurrentPlans();

  const start = async (target: Target, values: { plan_id?: string; kind?: Kind }) => {
    const plan = plans.find((p) => p.plan_id === values.plan_id);
    const kind = plan ? (plan.kind as Kind) : values.kind;
    if (!kind) throw new Error(t("请选择督导计划或督导类型", "Choose a plan or a kind of inspection"));
    const location = await whereAmI();
    const started = await ok(
      api.POST("/api/inspections/inspections", {
        body: { unit_id: target.unit.unit_id, kind, departments: [], plan_id: plan?.plan_id ?? null, location: location ?? null },
      }),
    );
    navigate(`/inspections/${encodeURIComponent(started.inspection_id)}`);
  };

  return (
    <Space direction="vertical" size={12} style={{ width: "100%", maxWidth: 640, margin: "0 auto", display: "flex" }}>
      {plans.length > 0 && (
        <Card size="small" title={t("本期督导计划", "Current plans")}>
          {plans.map((plan) => (
            <div key={plan.plan_id} data-testid="plan">
              <Tag color="purple">{label(INSPECTION_KINDS, plan.kind, language)}</Tag>
              {plan.title}
              <Typography.Text type="secondary">{` ${plan.starts_on} ~ ${plan.ends_on} ${plan.focus}`}</Typography.Text>
            </div>
          ))}
        </Card>
      )}
      <Card title={t("我的检查任务", "My inspections")}>
        <List
          loading={loading}
          dataSource={rows}
          locale={{ emptyText: t("暂无挂牌督导对象", "No units listed for you") }}
          renderItem={(target) => (
            <List.Item data-testid={`target-${target.unit.unit_code}`}>
              <Space direction="vertical" size={4} style={{ width: "100%" }}>
                <Space wrap>
                  <Typography.Text strong>{target.unit.unit_name}</Typography.Text>
                  <Tag>{label(UNIT_KINDS, target.unit.unit_kind, language)}</Tag>
                </Space>
                <Typography.Text type="secondary">
                  {`${target.unit.township} · ${target.unit.address || target.unit.unit_code}`}
                </Typography.Text>
                <Space wrap data-testid="target-status">
                  <TargetStatus target={target} />
                </Space>
                {target.running ? (
                  <Link to={`/inspections/${encodeURIComponent(target.running.inspection_id)}`}>
                    <Button type="primary" block>
                      {t("继续检查", "Continue")}
                    </Button>
                  </Link>
                ) : (
                  <ActionButton<{ plan_id?: string; kind?: Kind }>
                    type="primary"
                    block
                    title={t(`开始检查：${target.unit.unit_name}`, `Inspect ${target.unit.unit_name}`)}
                    done={t("已开始检查", "Inspection started")}
                    run={(values) => start(target, values)}
                    fields={
                      <>
                        <Form.Item name="plan_id" label={t("督导计划", "Plan")}>
                          <Select
                            allowClear
                            options={plans.map((plan) => ({ value: plan.plan_id, label: plan.title }))}
                          />
                        </Form.Item>
                        <Form.Item
                          name="kind"
                          label={t("督导类型（无计划时）", "Kind (without a plan)")}
                          initialValue="routine"
                        >
                          <Select
                            options={options(INSPECTION_KINDS, language).filter((o) => o.value !== "joint")}
                          />
                        </Form.Item>
                      </>
                    }
                  >
                    {t("开始检查", "Start inspection")}
                  </ActionButton>
                )}
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

function TargetStatus({ target }: { target: Target }) {
  const { t, language } = useI18n();
  if (target.running) {
    return (
      <Tag color="processing">{t(`检查中（${shown(target.running.started_at)}起）`, "In progress")}</Tag>
    );
  }
  if (!target.last) return <Tag>{t("待检查", "Not inspected")}</Tag>;
  const checked = (
    <Typography.Text type="secondary">
      {t("上次检查", "Last inspected")} {shown(target.last.completed_at)}
    </Typography.Text>
  );
  if (!target.last.order_id) {
    return (
      <>
        <Tag color="green">{t("检查合格", "Passed")}</Tag>
        {checked}
      </>
    );
  }
  const order = target.order;
  return (
    <>
      <Link to={`/orders/${encodeURIComponent(target.last.order_id)}`}>
        <Tag color={order ? ORDER_COLOURS[order.status] : "orange"}>
          {order ? `${order.number} ${label(ORDER_STATUSES, order.status, language)}` : t("督办单", "Order")}
        </Tag>
      </Link>
      {checked}
    </>
  );
}

/** The district's plans whose period has not ended (Beijing dates). */
function useCurrentPlans(): Plan[] {
  const api = useApi();
  const [plans, setPlans] = useState<Plan[]>([]);
  useEffect(() => {
    const today = dayjs().tz(ZONE).format("YYYY-MM-DD");
    void ok(api.GET("/api/inspections/plans", { params: { query: { limit: 200 } } }))
      .then((page) => setPlans(page.data.filter((plan) => plan.ends_on >= today)))
      .catch(() => setPlans([]));
  }, [api]);
  return plans;
}
