import { MapChart, ScatterChart } from "echarts/charts";
import { AriaComponent, GeoComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

import type { MapLayers, MapPoint, RiskLevel } from "./layers";

// Only what the map draws, so the bundle carries no other chart.
echarts.use([MapChart, ScatterChart, GeoComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

const MAP = "grids";
// One degree of longitude is cos(28°) ≈ 0.88 of a degree of latitude in Changsha.
const ASPECT = 0.88;
const RISK_COLOURS: Record<RiskLevel, string> = { red: "#cf1322", yellow: "#faad14", green: "#389e0d" };

export interface Names {
  grids: string;
  incidents: string;
  openCases: string;
  risk: Record<RiskLevel, string>;
}

interface Props {
  layers: MapLayers;
  names: Names;
  onOpenCase: (caseId: string) => void;
}

/** The grids as outlines with their names, and what happens in them as points; no tiles. */
export function GridMap({ layers, names, onOpenCase }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const opened = useRef(onOpenCase);
  opened.current = onOpenCase;

  useEffect(() => {
    const chart = echarts.init(element.current!);
    chart.on("click", (event) => {
      const caseId = (event.data as { caseId?: string } | undefined)?.caseId;
      if (caseId) opened.current(caseId);
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, []);

  useEffect(() => {
    const chart = echarts.getInstanceByDom(element.current!);
    if (!chart) return;
    echarts.registerMap(MAP, layers.grids as unknown as Parameters<typeof echarts.registerMap>[1]);
    chart.setOption(option(layers, names), { notMerge: true });
  }, [layers, names]);

  return <div ref={element} data-testid="grid-map" style={{ width: "100%", height: 600 }} />;
}

function option(layers: MapLayers, names: Names): echarts.EChartsCoreOption {
  const points = (name: string, data: MapPoint[], colour: string, size: number, symbol = "circle") => ({
    name,
    type: "scatter",
    coordinateSystem: "geo",
    symbol,
    symbolSize: size,
    itemStyle: { color: colour, borderColor: "#fff", borderWidth: 1 },
    cursor: "pointer",
    data: data.map((point) => ({ name: point.name, value: [point.longitude, point.latitude], caseId: point.caseId })),
  });
  const levels = Object.keys(RISK_COLOURS) as RiskLevel[];
  return {
    aria: { enabled: true, label: { data: { maxCount: 100 } } },
    tooltip: { trigger: "item", formatter: (item: { seriesName: string; name: string }) => `${item.seriesName}<br/>${item.name}` },
    legend: { bottom: 0 },
    geo: {
      map: MAP,
      roam: true,
      aspectScale: ASPECT,
      layoutCenter: ["50%", "48%"],
      layoutSize: "92%",
      label: { show: true, color: "#434343" },
      itemStyle: { areaColor: "#f0f5ff", borderColor: "#2f54eb", borderWidth: 1.5 },
      emphasis: { itemStyle: { areaColor: "#d6e4ff" }, label: { color: "#1d39c4" } },
    },
    series: [
      {
        name: names.grids,
        type: "map",
        geoIndex: 0,
        data: layers.grids.features.map((grid) => ({ name: grid.properties.name, value: grid.properties.code })),
      },
      ...levels.map((level) => points(names.risk[level], layers.institutions[level], RISK_COLOURS[level], 11, "diamond")),
      points(names.incidents, layers.incidents, "#8c8c8c", 9),
      {
        ...points(names.openCases, layers.openCases, "#f5222d", 26, "pin"),
        label: { show: true, position: "right", formatter: "{b}", color: "#a8071a" },
      },
    ],
  };
}
