import { Button, Card, Form, Input, Select, Table, Tag } from "antd";
import { useCallback, useState } from "react";
import { Link } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { ok, type Query, type Schemas } from "../../api/client";
import { hasAny } from "../../auth/session";
import { useSession } from "../../auth/SessionContext";
import { useI18n } from "../../i18n/I18n";
import { label, options } from "../../i18n/labels";
import { CATEGORIES, DISTRICTS, LISTS, STATES } from "../../i18n/registry";
import { useLiveList } from "../useLiveList";
import { REGISTRY_IMPORTERS } from "./access";
import { LicenceTags } from "./LicenceTags";
import { LIST_COLOURS, STATE_COLOURS } from "./colours";

type Institution = Schemas["InstitutionPublic"];
type Filters = Pick<Query<"/api/institutions/institutions">, "q" | "district" | "township" | "category" | "state" | "list_status">;
const PAGE = 20;

/** 机构名录: the institutions in the caller's area, searched by name, area, category, state, list. */
export default function RegistryPage() {
  const api = useApi();
  const session = useSession();
  const { t, language } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const load = useCallback(
    () =>
      ok(
        api.GET("/api/institutions/institutions", {
          params: { query: { ...filters, offset: (page - 1) * PAGE, limit: PAGE } },
        }),
      ),
    [api, filters, page],
  );
  const { rows, count, loading } = useLiveList(load);
  const search = (values: Filters) => {
    const given = Object.entries(values).filter(([, value]) => value !== undefined && value !== "");
    setFilters(Object.fromEntries(given) as Filters);
    setPage(1);
  };

  return (
    <Card
      title={t("机构名录", "Institution registry")}
      extra={
        hasAny(session, REGISTRY_IMPORTERS) && (
          <Link to="/registry/import">
            <Button>{t("导入名录", "Import")}</Button>
          </Link>
        )
      }
    >
      <Form<Filters> layout="inline" onFinish={search} style={{ rowGap: 8, marginBottom: 16 }}>
        <Form.Item name="q">
          <Input allowClear placeholder={t("名称或统一社会信用代码", "Name or credit code")} maxLength={50} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="district">
          <Select allowClear placeholder={t("区县", "District")} options={options(DISTRICTS, language)} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="township">
          <Input allowClear placeholder={t("街道代码", "Township code")} maxLength={50} style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="category">
          <Select allowClear placeholder={t("类别", "Category")} options={options(CATEGORIES, language)} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="state">
          <Select allowClear placeholder={t("状态", "State")} options={options(STATES, language)} style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="list_status">
          <Select allowClear placeholder={t("名单", "List")} options={options(LISTS, language)} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="registry-search">
            {t("查询", "Search")}
          </Button>
        </Form.Item>
      </Form>
      <Table<Institution>
        rowKey="institution_id"
        size="middle"
        loading={loading}
        dataSource={rows}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: PAGE, total: count, onChange: setPage, showSizeChanger: false }}
        locale={{ emptyText: t("没有符合条件的机构", "No institution matches") }}
        columns={[
          {
            title: t("机构名称", "Name"),
            dataIndex: "name",
            render: (name: string, row) => (
              <Link to={`/registry/${encodeURIComponent(row.institution_id)}`} data-testid="registry-row">
                {name}
              </Link>
            ),
          },
          { title: t("统一社会信用代码", "Credit code"), dataIndex: "credit_code" },
          {
            title: t("辖区", "Area"),
            render: (_: unknown, row) => `${label(DISTRICTS, row.district, language)} / ${row.township}`,
          },
          { title: t("类别", "Category"), dataIndex: "category", render: (value: string) => label(CATEGORIES, value, language) },
          {
            title: t("状态", "State"),
            dataIndex: "state",
            render: (value: string) => <Tag color={STATE_COLOURS[value]}>{label(STATES, value, language)}</Tag>,
          },
          {
            title: t("名单", "List"),
            dataIndex: "list_status",
            render: (value: string) => (value === "none" ? "—" : <Tag color={LIST_COLOURS[value]}>{label(LISTS, value, language)}</Tag>),
          },
          { title: t("证照", "Licences"), render: (_: unknown, row) => <LicenceTags institution={row} /> },
        ]}
      />
    </Card>
  );
}
