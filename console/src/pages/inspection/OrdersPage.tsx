import { Card, List, Segmented, Space, Tag, Typography } from "antd";
import { useCallback, useState } from "react";
import { Link } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { useI18n } from "../../i18n/I18n";
import { SEVERITIES, label } from "../../i18n/labels";
import { shown } from "../../time";
import { useLiveList } from "../useLiveList";
import { ORDER_COLOURS, ORDER_STATUSES } from "./names";

type Status = Schemas["OrderStatus"];
const TABS: (Status | "all")[] = ["all", "issued", "rectifying", "awaiting_reinspection", "closed"];
const PAGE = 50;

/** 整改督办单: the orders in reach (an inspector's units', a unit's own), newest first. */
export default function OrdersPage() {
  const api = useApi();
  const { t, language } = useI18n();
  const [status, setStatus] = useState<Status | "all">("all");
  const [page, setPage] = useState(1);
  const load = useCallback(
    () =>
      ok(
        api.GET("/api/inspections/orders", {
          params: {
            query: { ...(status === "all" ? {} : { status }), offset: (page - 1) * PAGE, limit: PAGE },
          },
        }),
      ),
    [api, status, page],
  );
  const { rows, count, loading } = useLiveList(load);

  return (
    <Card title={t("整改督办单", "Rectification orders")} style={{ maxWidth: 640, margin: "0 auto" }}>
      <Segmented<Status | "all">
        value={status}
        onChange={(value) => (setStatus(value), setPage(1))}
        options={TABS.map((value) => ({
          value,
          label: value === "all" ? t("全部", "All") : label(ORDER_STATUSES, value, language),
        }))}
        style={{ marginBottom: 12, maxWidth: "100%", overflowX: "auto" }}
      />
      <List
        loading={loading}
        dataSource={rows}
        pagination={count > PAGE ? { current: page, pageSize: PAGE, total: count, onChange: setPage } : false}
        locale={{ emptyText: t("没有督办单", "No orders") }}
        renderItem={(order) => (
          <List.Item data-testid={`order-${order.number}`}>
            <List.Item.Meta
              title={<Link to={`/orders/${encodeURIComponent(order.order_id)}`}>{order.number}</Link>}
              description={
                <Space direction="vertical" size={0}>
                  <Typography.Text>{order.unit_name}</Typography.Text>
                  <Typography.Text type="secondary">
                    {t("整改时限", "Deadline")} {shown(order.deadline)}
                  </Typography.Text>
                </Space>
              }
            />
            <Space direction="vertical" size={4} align="end">
              <Tag color={ORDER_COLOURS[order.status]} data-testid="order-status">
                {label(ORDER_STATUSES, order.status, language)}
              </Tag>
              {order.severity !== "normal" && <Tag>{label(SEVERITIES, order.severity, language)}</Tag>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
