import { Alert, Card, Col, DatePicker, Input, Row, Select, Space, Statistic, Tooltip } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import { useApi } from "../../api/ApiContext";
import { ok } from "../../api/client";
import { hasAny } from "../../auth/session";
import { useSession } from "../../auth/SessionContext";
import { useI18n } from "../../i18n/I18n";
import { DEPARTMENTS, INCIDENT_TYPES, label, options } from "../../i18n/labels";
import { useLive } from "../../live/LiveContext";
import { DrillDown } from "./DrillDown";
import { FIGURES, given, shownValue, type CaseQuery, type Figure, type Filters, type Metrics } from "./figures";
import { Ladder, Ranking } from "./Rankings";
import { TrendChart } from "./TrendChart";

interface Figures {
  total: Metrics;
  departments: Metrics[];
  townships: Metrics[];
  weeks: Metrics[];
}

/** 领导驾驶舱: the leadership figures of the viewer's scope (the oversight API's, exactly), the
 * rankings, the weekly trend and the accountability ladder; every figure opens its cases. */
export default function CockpitPage() {
  const api = useApi();
  const session = useSession();
  const { t, language } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const [figures, setFigures] = useState<Figures | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [drill, setDrill] = useState<{ title: string; query: CaseQuery }>({ title: t("全部案件", "All cases"), query: {} });
  const latest = useRef(0);

  const load = useCallback(async () => {
    const asked = ++latest.current;
    const read = (group_by: "department" | "township" | "week") =>
      ok(api.GET("/api/oversight/metrics", { params: { query: { ...given(filters), group_by } } }));
    try {
      const [departments, townships, weeks] = await Promise.all([read("department"), read("township"), read("week")]);
      if (asked !== latest.current) return;
      setFigures({ total: departments.total, departments: departments.data, townships: townships.data, weeks: weeks.data });
      setProblem(null);
    } catch (error) {
      if (asked === latest.current) setProblem((error as Error).message);
    }
  }, [api, filters]);
  useEffect(() => void load(), [load]);
  const pending = useRef<number | undefined>(undefined);
  useLive(() => {
    window.clearTimeout(pending.current);
    pending.current = window.setTimeout(() => void load(), 1000);
  });
  useEffect(() => () => window.clearTimeout(pending.current), []);

  const open = (title: string, extra: Partial<CaseQuery>) => setDrill({ title, query: { ...filters, ...extra } });
  useEffect(() => setDrill({ title: t("全部案件", "All cases"), query: filters }), [filters, t]);
  const townshipOptions = useMemo(
    () => (figures?.townships ?? []).map((row) => ({ value: row.group, label: row.group })),
    [figures],
  );
  const change = (next: Partial<Filters>) => setFilters((current) => ({ ...current, ...next }));
  const days = (range: [Dayjs | null, Dayjs | null] | null) =>
    change({ opened_from: range?.[0]?.format("YYYY-MM-DD"), opened_to: range?.[1]?.format("YYYY-MM-DD") });

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card title={t("领导驾驶舱", "Leadership cockpit")} size="small" data-testid="cockpit-filters">
        <Space wrap>
          {hasAny(session, ["leader", "admin"]) && (
            <Input
              allowClear
              style={{ width: 140 }}
              placeholder={t("区县 (如 yuhua)", "District (e.g. yuhua)")}
              onChange={(event) => change({ district: event.target.value.trim() || undefined })}
              data-testid="filter-district"
            />
          )}
          {!hasAny(session, ["township_officer"]) && (
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t("乡镇街道", "Township")}
              options={townshipOptions}
              value={filters.township}
              onChange={(township?: string) => change({ township })}
              data-testid="filter-township"
            />
          )}
          {hasAny(session, ["department_lead"]) ? (
            <Input style={{ width: 160 }} disabled value={label(DEPARTMENTS, session.department, language)} />
          ) : (
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t("部门", "Department")}
              options={options(DEPARTMENTS, language)}
              value={filters.department}
              onChange={(department?: Filters["department"]) => change({ department })}
              data-testid="filter-department"
            />
          )}
          <Select
            allowClear
            style={{ width: 200 }}
            placeholder={t("事件类型", "Incident type")}
            options={options(INCIDENT_TYPES, language)}
            value={filters.incident_type}
            onChange={(incident_type?: Filters["incident_type"]) => change({ incident_type })}
            data-testid="filter-type"
          />
          <DatePicker.RangePicker
            placeholder={[t("立案自", "Opened from"), t("立案至", "Opened to")]}
            onChange={(range) => days(range as [Dayjs | null, Dayjs | null] | null)}
            data-testid="filter-days"
          />
        </Space>
      </Card>
      {problem && <Alert type="error" showIcon message={problem} />}
      <Row gutter={[12, 12]} data-testid={figures ? "cockpit-figures" : "cockpit-loading"}>
        {FIGURES.map((figure) => (
          <Col key={figure.key} flex="1 0 150px">
            <FigureCard figure={figure} total={figures?.total} onOpen={() => open(t(figure.zh, figure.en), figure.cases)} />
          </Col>
        ))}
      </Row>
      {figures && (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t("部门排名", "Departments ranked")}>
                <Ranking
                  kind="department"
                  rows={figures.departments}
                  onPick={(department) =>
                    open(label(DEPARTMENTS, department, language), { department: department as Filters["department"] })
                  }
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t("乡镇街道排名", "Townships ranked")}>
                <Ranking kind="township" rows={figures.townships} onPick={(township) => open(township, { township })} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={14}>
              <Card size="small" title={t("每周趋势", "Week by week")}>
                <TrendChart weeks={figures.weeks} />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={t("问责阶梯（督办单 → 通报 → 约谈 → 问责）", "Accountability ladder")}>
                <Ladder
                  rows={figures.departments}
                  onPick={(department) =>
                    open(label(DEPARTMENTS, department, language), {
                      department: department as Filters["department"],
                      missed_deadline: true,
                    })
                  }
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
      <DrillDown title={drill.title} query={drill.query} />
    </Space>
  );
}

/** One figure: its value, its numerator and denominator on hover, its cases on a click. */
function FigureCard({ figure, total, onOpen }: { figure: Figure; total?: Metrics; onOpen: () => void }) {
  const { t, language } = useI18n();
  const read = total ? figure.read(total) : null;
  const hover = read
    ? read.kind === "count"
      ? t(`${read.numerator} 件 / 共 ${read.denominator} 件`, `${read.numerator} of ${read.denominator} cases`)
      : read.kind === "rate"
        ? `${read.numerator} / ${read.denominator}`
        : t(`合计 ${read.numerator} 秒 / ${read.denominator} 项任务`, `${read.numerator} s over ${read.denominator} tasks`)
    : "";
  return (
    <Tooltip title={hover}>
      <Card
        size="small"
        hoverable
        onClick={onOpen}
        data-testid={`figure-${figure.key}`}
        data-value={read?.value ?? ""}
        data-numerator={read?.numerator ?? ""}
        data-denominator={read?.denominator ?? ""}
      >
        <Statistic
          title={t(figure.zh, figure.en)}
          value={read ? shownValue(read, language) : "—"}
          valueStyle={{ color: figure.colour, fontSize: 22 }}
          loading={!read}
        />
      </Card>
    </Tooltip>
  );
}
