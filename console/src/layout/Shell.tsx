import {
  AlertOutlined,
  BellOutlined,
  DashboardOutlined,
  FundOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  InboxOutlined,
  LogoutOutlined,
  UnorderedListOutlined,
} from "@ant-design/icons";
import { Badge, Button, Grid, Layout, Menu, Segmented, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Link, useLocation } from "react-router-dom";

import { ok } from "../api/client";
import { useApi } from "../api/ApiContext";
import { useSession } from "../auth/SessionContext";
import { useI18n } from "../i18n/I18n";
import { useLive } from "../live/LiveContext";
import { menuFor, type MenuEntry } from "./menu";

const ICONS: Record<MenuEntry["icon"], ReactNode> = {
  report: <AlertOutlined />,
  list: <UnorderedListOutlined />,
  lead: <FileSearchOutlined />,
  inbox: <InboxOutlined />,
  board: <DashboardOutlined />,
  bell: <BellOutlined />,
  map: <EnvironmentOutlined />,
  cockpit: <FundOutlined />,
};

/** The frame around every screen: the menu the roles allow, language, who is logged in. */
export function Shell({ children, connected }: { children: ReactNode; connected: boolean }) {
  const session = useSession();
  const { t, language, setLanguage } = useI18n();
  const phone = !Grid.useBreakpoint().md;
  const location = useLocation();
  const unread = useUnreadNotifications();
  const entries = menuFor(session);
  const items = entries.map((entry) => ({
    key: entry.path,
    icon:
      entry.icon === "bell" ? (
        <Badge count={unread} size="small" offset={[4, 0]}>
          {ICONS.bell}
        </Badge>
      ) : (
        ICONS[entry.icon]
      ),
    label: <Link to={entry.path}>{t(entry.zh, entry.en)}</Link>,
  }));
  const selected = entries.find(
    (entry) => location.pathname === entry.path || location.pathname.startsWith(`${entry.path}/`),
  )?.path;

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header
        style={{ display: "flex", alignItems: "center", gap: 12, paddingInline: phone ? 12 : 24 }}
      >
        <Typography.Text strong style={{ color: "#fff", whiteSpace: "nowrap" }}>
          {t("双减协同治理", "Double Reduction")}
        </Typography.Text>
        {!phone && (
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={selected ? [selected] : []}
            items={items}
            style={{ flex: 1, minWidth: 0 }}
          />
        )}
        <Space style={{ marginLeft: "auto" }} size={phone ? 4 : 8}>
          <Tag color={connected ? "green" : "default"} data-testid="live-status">
            {connected ? t("实时", "Live") : t("离线", "Offline")}
          </Tag>
          <Segmented
            size="small"
            value={language}
            onChange={(value) => setLanguage(value as "zh" | "en")}
            options={[
              { value: "zh", label: "中" },
              { value: "en", label: "EN" },
            ]}
          />
          {!phone && <Typography.Text style={{ color: "#fff" }}>{session.username}</Typography.Text>}
          <Button
            size="small"
            icon={<LogoutOutlined />}
            onClick={() => void session.logout()}
            aria-label={t("退出登录", "Log out")}
          />
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: phone ? "12px 12px 72px" : 24 }}>{children}</Layout.Content>
      {phone && (
        <Menu
          mode="horizontal"
          selectedKeys={selected ? [selected] : []}
          items={items}
          style={{
            position: "fixed",
            bottom: 0,
            width: "100%",
            justifyContent: "space-around",
            borderTop: "1px solid #f0f0f0",
          }}
        />
      )}
    </Layout>
  );
}

/** How many notifications came in since the list was last opened (department and township). */
function useUnreadNotifications(): number {
  const api = useApi();
  const session = useSession();
  const [count, setCount] = useState(0);
  const allowed = menuFor(session).some((entry) => entry.icon === "bell");
  const refresh = useCallback(async () => {
    if (!allowed) return;
    const page = await ok(api.GET("/api/enforcement/notifications", { params: { query: { limit: 1 } } }));
    const seen = Number(localStorage.getItem(`console.seen.${session.username}`) ?? 0);
    setCount(Math.max(page.count - seen, 0));
  }, [api, allowed, session.username]);
  useEffect(() => {
    void refresh().catch(() => undefined);
    const onSeen = () => void refresh().catch(() => undefined);
    window.addEventListener("console:notifications-seen", onSeen);
    return () => window.removeEventListener("console:notifications-seen", onSeen);
  }, [refresh]);
  useLive(() => void refresh().catch(() => undefined));
  return count;
}
