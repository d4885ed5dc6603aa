import { Card, List, Typography } from "antd";
import { useCallback, useEffect } from "react";
import { Link } from "react-router-dom";

import { useApi } from "../api/ApiContext";
import { ok } from "../api/client";
import { useSession } from "../auth/SessionContext";
import { useI18n } from "../i18n/I18n";
import { shown } from "../time";
import { useLiveList } from "./useLiveList";

/** 消息提醒: reminders and escalations that reached the person logged in. */
export default function NotificationsPage() {
  const api = useApi();
  const session = useSession();
  const { t } = useI18n();
  const load = useCallback(
    () => ok(api.GET("/api/enforcement/notifications", { params: { query: { limit: 100 } } })),
    [api],
  );
  const { rows, count, loading } = useLiveList(load);
  useEffect(() => {
    localStorage.setItem(`console.seen.${session.username}`, String(count));
    window.dispatchEvent(new Event("console:notifications-seen"));
  }, [count, session.username]);

  return (
    <Card title={t("消息提醒", "Notifications")}>
      <List
        loading={loading}
        dataSource={rows}
        renderItem={(note) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={`/cases/${encodeURIComponent(note.case_id)}`}>{note.message}</Link>}
              description={<Typography.Text type="secondary">{shown(note.at)}</Typography.Text>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
