import { Alert, Card, Table, Tag } from "antd";
import { useCallback } from "react";
import { Link } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { useI18n } from "../../i18n/I18n";
import { CASE_STATUSES, INCIDENT_TYPES, label } from "../../i18n/labels";
import { shown } from "../../time";
import { useLiveList } from "../useLiveList";

type Case = Schemas["CaseSummary"];
const SHOWN = 50;

/** The enforcement cases about this institution that the caller's scope admits. */
export function InstitutionCases({ institutionId }: { institutionId: string }) {
  const api = useApi();
  const { t, language } = useI18n();
  const load = useCallback(
    () => ok(api.GET("/api/enforcement/cases", { params: { query: { institution_id: institutionId, limit: SHOWN } } })),
    [api, institutionId],
  );
  const { rows, count, loading } = useLiveList(load);

  return (
    <Card title={t("相关案件", "Cases")} size="small">
      {count > SHOWN && <Alert type="info" message={t(`共 ${count} 件，显示最新 ${SHOWN} 件`, `${count} cases; the newest ${SHOWN} shown`)} />}
      <Table<Case>
        rowKey="case_id"
        size="small"
        loading={loading}
        pagination={false}
        scroll={{ x: true }}
        dataSource={rows}
        locale={{ emptyText: t("没有相关案件", "No cases") }}
        columns={[
          {
            title: t("案件", "Case"),
            dataIndex: "case_id",
            render: (caseId: string) => <Link to={`/cases/${encodeURIComponent(caseId)}`}>{caseId}</Link>,
          },
          { title: t("类型", "Type"), dataIndex: "incident_type", render: (value: string) => label(INCIDENT_TYPES, value, language) },
          {
            title: t("状态", "Status"),
            dataIndex: "status",
            render: (value: string) => <Tag color={value === "closed" ? "green" : "orange"}>{label(CASE_STATUSES, value, language)}</Tag>,
          },
          { title: t("立案", "Opened"), dataIndex: "opened_at", render: (value: string) => shown(value) },
        ]}
      />
    </Card>
  );
}
