import { Alert, Card, Spin, Typography } from "antd";
import { useCallback, useMemo } from "react";
import { useNavigate } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { useSession } from "../../auth/SessionContext";
import { useI18n } from "../../i18n/I18n";
import { useLiveList } from "../useLiveList";
import { GridMap, type Names } from "./GridMap";
import { loadLayers } from "./layers";

/** 地图: the caller's grids with incidents, open cases and institutions by risk level on them. */
export default function MapPage() {
  const api = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const { t } = useI18n();
  // The layers are one reading, read again when a live event arrives.
  const load = useCallback(async () => ({ data: [await loadLayers(api, session)], count: 1 }), [api, session]);
  const { rows, loading } = useLiveList(load);
  const layers = rows[0];
  const names: Names = useMemo(
    () => ({
      grids: t("网格", "Grids"),
      incidents: t("事件", "Incidents"),
      openCases: t("办理中案件", "Open cases"),
      risk: { red: t("红色风险机构", "Red risk"), yellow: t("黄色风险机构", "Yellow risk"), green: t("绿色机构", "Green") },
    }),
    [t],
  );

  return (
    <Card title={t("网格地图", "Grid map")}>
      <Typography.Paragraph type="secondary">
        {t("点击案件标记查看案件详情；滚轮缩放，拖动平移。", "Click a case to open it; scroll to zoom, drag to pan.")}
      </Typography.Paragraph>
      {layers && layers.grids.features.length === 0 && (
        <Alert type="info" showIcon message={t("本区域尚未登记网格", "No grids are registered for your area yet")} />
      )}
      <Spin spinning={loading}>
        {layers && <GridMap layers={layers} names={names} onOpenCase={(caseId) => navigate(`/cases/${encodeURIComponent(caseId)}`)} />}
      </Spin>
    </Card>
  );
}
