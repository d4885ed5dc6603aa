import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import "dayjs/locale/zh-cn";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";

import { ApiContext } from "./api/ApiContext";
import type { Api } from "./api/client";
import type { Session } from "./auth/session";
import { SessionContext } from "./auth/SessionContext";
import { I18nContext, storedLanguage, storeLanguage, type Language } from "./i18n/I18n";
import { Shell } from "./layout/Shell";
import { menuFor } from "./layout/menu";
import { LiveContext } from "./live/LiveContext";
import type { LiveFeed } from "./live/live";
import { dayjs } from "./time";

const ReportPage = lazy(() => import("./pages/grid/ReportPage"));
const MyReportsPage = lazy(() => import("./pages/grid/MyReportsPage"));
const LeadsPage = lazy(() => import("./pages/grid/LeadsPage"));
const InboxPage = lazy(() => import("./pages/department/InboxPage"));
const BoardPage = lazy(() => import("./pages/township/BoardPage"));
const NotificationsPage = lazy(() => import("./pages/NotificationsPage"));
const CasePage = lazy(() => import("./pages/case/CasePage"));
const CockpitPage = lazy(() => import("./pages/leader/CockpitPage"));
const MapPage = lazy(() => import("./pages/map/MapPage"));
const TasksPage = lazy(() => import("./pages/inspection/TasksPage"));
const ChecklistPage = lazy(() => import("./pages/inspection/ChecklistPage"));
const OrdersPage = lazy(() => import("./pages/inspection/OrdersPage"));
const OrderPage = lazy(() => import("./pages/inspection/OrderPage"));
const StatisticsPage = lazy(() => import("./pages/inspection/StatisticsPage"));
const RegistryPage = lazy(() => import("./pages/registry/RegistryPage"));
const InstitutionPage = lazy(() => import("./pages/registry/InstitutionPage"));
const ImportPage = lazy(() => import("./pages/registry/ImportPage"));

interface Props {
  session: Session;
  api: Api;
  live: LiveFeed;
}

export function App({ session, api, live }: Props) {
  const [language, setLanguage] = useState<Language>(storedLanguage);
  const [connected, setConnected] = useState(false);
  const i18n = useMemo(
    () => ({
      language,
      t: (zh: string, en: string) => (language === "zh" ? zh : en),
      setLanguage: (next: Language) => {
        storeLanguage(next);
        setLanguage(next);
      },
    }),
    [language],
  );
  useEffect(() => {
    dayjs.locale(language === "zh" ? "zh-cn" : "en");
    document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
  }, [language]);
  useEffect(() => {
    live.onStateChange = setConnected;
    live.start();
    return () => live.stop();
  }, [live]);
  const home = menuFor(session)[0]?.path;

  return (
    <ConfigProvider locale={language === "zh" ? zhCN : enUS}>
      <AntApp>
        <I18nContext.Provider value={i18n}>
          <SessionContext.Provider value={session}>
            <ApiContext.Provider value={api}>
              <LiveContext.Provider value={live}>
                <BrowserRouter>
                  <Shell connected={connected}>
                    <Suspense fallback={null}>
                      <Routes>
                        <Route path="/report" element={<ReportPage />} />
                        <Route path="/reports" element={<MyReportsPage />} />
                        <Route path="/leads" element={<LeadsPage />} />
                        <Route path="/inbox" element={<InboxPage />} />
                        <Route path="/board" element={<BoardPage />} />
                        <Route path="/notifications" element={<NotificationsPage />} />
                        <Route path="/cases/:caseId" element={<CasePage />} />
                        <Route path="/cockpit" element={<CockpitPage />} />
                        <Route path="/map" element={<MapPage />} />
                        <Route path="/inspections" element={<TasksPage />} />
                        <Route path="/inspections/:inspectionId" element={<ChecklistPage />} />
                        <Route path="/orders" element={<OrdersPage />} />
                        <Route path="/orders/:orderId" element={<OrderPage />} />
                        <Route path="/statistics" element={<StatisticsPage />} />
                        <Route path="/registry" element={<RegistryPage />} />
                        <Route path="/registry/import" element={<ImportPage />} />
                        <Route path="/registry/:institutionId" element={<InstitutionPage />} />
                        <Route
                          path="*"
                          element={home ? <Navigate to={home} replace /> : <NoWork />}
                        />
                      </Routes>
                    </Suspense>
                  </Shell>
                </BrowserRouter>
              </LiveContext.Provider>
            </ApiContext.Provider>
          </SessionContext.Provider>
        </I18nContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}

function NoWork() {
  return <p>该账号在本控制台没有可办理的工作 (this account has no work in this console).</p>;
}
