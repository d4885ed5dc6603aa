import { Card, List, Space, Tag, Typography } from "antd";
import { useCallback } from "react";
import { Link } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { ok } from "../../api/client";
import { useI18n } from "../../i18n/I18n";
import { INCIDENT_STATUSES, INCIDENT_TYPES, label } from "../../i18n/labels";
import { shown } from "../../time";
import { useLiveList } from "../useLiveList";

const STATUS_COLOURS: Record<string, string> = { reported: "blue", dispatched: "orange", closed: "green" };

/** 我的上报: what became of each report; a tap opens the case and what each department did. */
export default function MyReportsPage() {
  const api = useApi();
  const { t, language } = useI18n();
  const load = useCallback(
    () => ok(api.GET("/api/patrol/incidents", { params: { query: { limit: 100 } } })),
    [api],
  );
  const { rows, loading } = useLiveList(load);

  return (
    <Card title={t("我的上报", "My reports")} style={{ maxWidth: 640, margin: "0 auto" }}>
      <List
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: t("还没有上报", "No reports yet") }}
        renderItem={(incident) => (
          <List.Item data-testid={`report-${incident.incident_id}`}>
            <List.Item.Meta
              title={
                <Link to={`/cases/${encodeURIComponent(incident.incident_id)}`}>
                  {label(INCIDENT_TYPES, incident.incident_type, language)} · {incident.institution_name}
                </Link>
              }
              description={
                <Space direction="vertical" size={0}>
                  <Typography.Text type="secondary">{shown(incident.reported_at)}</Typography.Text>
                  <Typography.Text ellipsis>{incident.description}</Typography.Text>
                </Space>
              }
            />
            <Tag color={STATUS_COLOURS[incident.status]} data-testid="report-status">
              {label(INCIDENT_STATUSES, incident.status, language)}
            </Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
