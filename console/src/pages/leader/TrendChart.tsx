import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

import { useI18n } from "../../i18n/I18n";
import type { Metrics } from "./figures";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const percent = (value: number | null | undefined) => (value == null ? null : Math.round(value * 1000) / 10);

/** Week by week: tasks dispatched and cases overdue (bars), 响应率 and 按期办结率 (lines, %). */
export function TrendChart({ weeks }: { weeks: Metrics[] }) {
  const { t } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    chart.current = echarts.init(element.current);
    const resize = () => chart.current?.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.current?.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 40, right: 48, top: 36, bottom: 24 },
        xAxis: { type: "category", data: weeks.map((w) => w.group) },
        yAxis: [
          { type: "value", name: t("件", "count"), minInterval: 1 },
          { type: "value", name: "%", min: 0, max: 100 },
        ],
        series: [
          { name: t("派发任务", "Tasks dispatched"), type: "bar", data: weeks.map((w) => w.tasks_dispatched) },
          { name: t("超时案件", "Overdue cases"), type: "bar", data: weeks.map((w) => w.cases.overdue) },
          {
            name: t("响应率", "Response rate"),
            type: "line",
            yAxisIndex: 1,
            data: weeks.map((w) => percent(w.response_rate.value)),
          },
          {
            name: t("按期办结率", "Closed on time"),
            type: "line",
            yAxisIndex: 1,
            data: weeks.map((w) => percent(w.on_time_completion_rate.value)),
          },
        ],
      },
      true,
    );
  }, [weeks, t]);

  return <div ref={element} data-testid="cockpit-trend" style={{ width: "100%", height: 280 }} />;
}
