import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Card, DatePicker, List, Space, Table, Typography, type TableColumnsType } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";

import { useApi } from "../../api/ApiContext";
import { ok, type Query, type Schemas } from "../../api/client";
import { hasAny, type Session } from "../../auth/session";
import { useSession } from "../../auth/SessionContext";
import { useI18n } from "../../i18n/I18n";
import { download } from "./files";
import { GROUPS, figure } from "./statisticsColumns";

type Table = Schemas["StatisticsTable"];
type Row = Schemas["StatisticsRow"];
type Request = Omit<Query<"/api/inspections/statistics">, "format">;

/** The widest table the caller may read: the city's, their district's, or their township's. */
function ownTable(session: Session): Request {
  if (hasAny(session, ["leader", "admin"])) return { level: "city" };
  if (hasAny(session, ["township_officer"])) {
    return { level: "township", district: session.district, township: session.township };
  }
  return { level: "district", district: session.district };
}

/** A row's unit opened as its own table: a district's townships, a township's own row. */
function below(request: Request, unit: string): Request | undefined {
  if (request.level === "city") return { ...request, level: "district", district: unit };
  if (request.level === "district") return { ...request, level: "township", township: unit };
  return undefined;
}

function searchOf(request: Request, format?: "csv" | "xlsx"): string {
  const entries = Object.entries({ ...request, ...(format ? { format } : {}) }).filter(([, v]) => v);
  return new URLSearchParams(entries as [string, string][]).toString();
}

/** “双减”督导有关情况统计表 (附件5): a row per district or township, the total, and its files. */
export default function StatisticsPage() {
  const api = useApi();
  const session = useSession();
  const { t } = useI18n();
  const { message } = App.useApp();
  const own = ownTable(session);
  const [request, setRequest] = useState<Request>(own);
  const [table, setTable] = useState<Table>();
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setTable(await ok(api.GET("/api/inspections/statistics", { params: { query: request } })));
    } catch (error) {
      message.error(String((error as Error).message));
    } finally {
      setLoading(false);
    }
  }, [api, request, message]);
  useEffect(() => void load(), [load]);

  const save = (format: "csv" | "xlsx") => {
    const name = [request.district, request.township].filter(Boolean).join("-") || t("全市", "city");
    void download(
      session,
      `/api/inspections/statistics?${searchOf(request, format)}`,
      `双减督导统计表-${name}.${format}`,
    ).catch((error: Error) => message.error(error.message));
  };
  const period = (range: [Dayjs | null, Dayjs | null] | null) =>
    setRequest({
      ...request,
      from: range?.[0]?.format("YYYY-MM-DD") ?? null,
      to: range?.[1]?.format("YYYY-MM-DD") ?? null,
    });

  const columns: TableColumnsType<Row> = [
    {
      title: t("单位", "Unit"),
      dataIndex: "unit",
      fixed: "left",
      width: 96,
      render: (unit: string) => {
        const next = unit === "合计" ? undefined : below(request, unit);
        return next ? <a onClick={() => setRequest(next)}>{unit}</a> : <Typography.Text strong>{unit}</Typography.Text>;
      },
    },
    ...GROUPS.map((group) => ({
      title: t(...group.name),
      children: group.figures.map((f) => ({
        title: t(...f.name),
        key: f.path,
        align: "right" as const,
        render: (_: unknown, row: Row) => <span data-testid={`stat-${row.unit}-${f.path}`}>{figure(row, f.path)}</span>,
      })),
    })),
  ];

  return (
    <Card title={t("“双减”督导有关情况统计表", "Double Reduction inspection statistics")}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} onClick={() => save("xlsx")} data-testid="download-xlsx">
          .xlsx
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => save("csv")} data-testid="download-csv">
          CSV
        </Button>
        <Typography.Text data-testid="statistics-scope">
          {[t("填报单位：", "Reporting unit: "), request.district ?? t("市", "city"), request.township ?? ""].join(" ")}
        </Typography.Text>
        {request.level !== own.level && (
          <Button size="small" onClick={() => setRequest({ ...own, from: request.from, to: request.to })}>
            {t("返回", "Back")}
          </Button>
        )}
        <DatePicker.RangePicker size="small" onChange={period} placeholder={[t("起", "From"), t("止", "To")]} />
      </Space>
      <div data-testid="statistics-table">
        <Table<Row>
          rowKey="unit"
          size="small"
          bordered
          loading={loading}
          columns={columns}
          dataSource={table ? [...table.rows, table.total] : []}
          pagination={false}
          scroll={{ x: "max-content" }}
        />
      </div>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("主要问题", "Main problems")}
      </Typography.Title>
      <List
        size="small"
        dataSource={table?.main_problems ?? []}
        locale={{ emptyText: t("暂无", "None") }}
        renderItem={(problem) => (
          <List.Item>{`${t("第", "Item ")}${problem.item_no}${t("项", "")} ${problem.item}（${problem.count}）`}</List.Item>
        )}
      />
      <Typography.Text type="secondary">
        {t(
          "说明：“学校整改落实情况”栏中，存在问题 = 已完成整改 + 正在整改问题。",
          "Problems found = rectified + being rectified, in every row.",
        )}
      </Typography.Text>
    </Card>
  );
}
