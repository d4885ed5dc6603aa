import { Card, List, Tag, Typography } from "antd";
import { useCallback } from "react";

import { useApi } from "../../api/ApiContext";
import { ok } from "../../api/client";
import { useI18n } from "../../i18n/I18n";
import { SEVERITIES, label } from "../../i18n/labels";
import { shown } from "../../time";
import { useLiveList } from "../useLiveList";

/** 巡查线索: what the registry's compliance rules found in the grid, for the patrol to look at. */
export default function LeadsPage() {
  const api = useApi();
  const { t, language } = useI18n();
  const load = useCallback(
    () => ok(api.GET("/api/patrol/leads", { params: { query: { limit: 100 } } })),
    [api],
  );
  const { rows, loading } = useLiveList(load);

  return (
    <Card title={t("巡查线索", "Leads")} style={{ maxWidth: 640, margin: "0 auto" }}>
      <List
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: t("网格内暂无线索", "No leads in the grid") }}
        renderItem={(lead) => (
          <List.Item>
            <List.Item.Meta
              title={`${lead.institution_name} · ${lead.rule}`}
              description={
                <>
                  <Typography.Paragraph style={{ marginBottom: 0 }}>{lead.evidence}</Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {lead.address} · {shown(lead.found_at)}
                  </Typography.Text>
                </>
              }
            />
            <Tag color={lead.severity === "urgent" ? "red" : "gold"}>{label(SEVERITIES, lead.severity, language)}</Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
