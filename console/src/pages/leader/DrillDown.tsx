import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Card, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { useI18n } from "../../i18n/I18n";
import { CASE_STATUSES, INCIDENT_TYPES, label } from "../../i18n/labels";
import { shown } from "../../time";
import { given, type CaseQuery } from "./figures";

type Case = Schemas["CaseSummary"];
const PAGE = 20;

/** The cases behind a figure (the enforcement case list with the same filters), each opening
 * its case page, and the same list as a download. */
export function DrillDown({ title, query }: { title: string; query: CaseQuery }) {
  const api = useApi();
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<Case[]>([]);
  const [count, setCount] = useState(0);
  const [more, setMore] = useState(false); // counted up to the cap only: "10000+"
  const [loading, setLoading] = useState(true);

  useEffect(() => setPage(1), [query]);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      const found = await ok(
        api.GET("/api/enforcement/cases", { params: { query: { ...given(query), limit: PAGE, offset: (page - 1) * PAGE } } }),
      );
      setRows(found.data);
      setCount(found.count);
      setMore(found.count_capped ?? false);
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setLoading(false);
    }
  }, [api, query, page, message]);
  useEffect(() => void load(), [load]);

  const save = async (format: "xlsx" | "csv") => {
    const { data, response } = await api.GET("/api/enforcement/cases/export", {
      params: { query: { ...given(query), format } },
      parseAs: "blob",
    });
    if (!data) {
      message.error(`HTTP ${response.status}`);
      return;
    }
    const url = URL.createObjectURL(data as Blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = `案件清单.${format}`;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <Card
      size="small"
      title={
        <span data-testid="drill-title">
          {title} · {t(`${count}${more ? "+" : ""} 件`, `${count}${more ? "+" : ""} cases`)}
        </span>
      }
      extra={
        <Space>
          <Button size="small" icon={<DownloadOutlined />} onClick={() => void save("xlsx")} data-testid="export-xlsx">
            Excel
          </Button>
          <Button size="small" icon={<DownloadOutlined />} onClick={() => void save("csv")} data-testid="export-csv">
            CSV
          </Button>
        </Space>
      }
    >
      <Table<Case>
        rowKey="case_id"
        size="small"
        loading={loading}
        dataSource={rows}
        scroll={{ x: true }}
        data-testid="drill-list"
        rowClassName={() => "drill-case"}
        pagination={{ current: page, pageSize: PAGE, total: count, onChange: setPage, showSizeChanger: false }}
        columns={[
          {
            title: t("案件", "Case"),
            dataIndex: "case_id",
            render: (caseId: string) => <Link to={`/cases/${encodeURIComponent(caseId)}`}>{caseId}</Link>,
          },
          { title: t("类型", "Type"), dataIndex: "incident_type", render: (type: string) => label(INCIDENT_TYPES, type, language) },
          { title: t("区县", "District"), dataIndex: "district" },
          { title: t("乡镇街道", "Township"), dataIndex: "township" },
          { title: t("摘要", "Summary"), dataIndex: "summary", ellipsis: true },
          { title: t("立案时间", "Opened"), dataIndex: "opened_at", render: (at: string) => shown(at) },
          {
            title: t("状态", "Status"),
            dataIndex: "status",
            render: (status: string) => <Tag color={status === "closed" ? "green" : "blue"}>{label(CASE_STATUSES, status, language)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
