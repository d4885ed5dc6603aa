import { Result } from "antd";
import { createRoot } from "react-dom/client";

import { createApi } from "./api/client";
import { App } from "./App";
import { startSession } from "./auth/session";
import { loadConfig } from "./config";
import { LiveFeed } from "./live/live";

const root = createRoot(document.getElementById("root")!);

async function start(): Promise<void> {
  const session = await startSession(await loadConfig());
  const live = new LiveFeed(() => session.token());
  root.render(<App session={session} api={createApi(session)} live={live} />);
}

start().catch((error: unknown) =>
  root.render(
    <Result
      status="error"
      title="无法登录 (cannot log in)"
      subTitle={`${String(error)}。请检查网络后刷新页面 (check the connection and reload).`}
    />,
  ),
);
