import { App } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";

import { useLive } from "../live/LiveContext";

/**
 * A list read from the API, read again whenever a live event arrives, so the screen follows
 * the platform without a reload. `load` must be stable (useCallback) for its inputs.
 */
export function useLiveList<T>(load: () => Promise<{ data: T[]; count: number }>) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<T[]>([]);
  const [count, setCount] = useState(0);
  const [loading, setLoading] = useState(true);
  // Only the newest request's answer is shown: an older one arriving late is dropped.
  const latest = useRef(0);
  const refresh = useCallback(async () => {
    const asked = ++latest.current;
    try {
      const page = await load();
      if (asked !== latest.current) return;
      setRows(page.data);
      setCount(page.count);
    } catch (error) {
      if (asked === latest.current) message.error(String((error as Error).message));
    } finally {
      if (asked === latest.current) setLoading(false);
    }
  }, [load, message]);
  useEffect(() => void refresh(), [refresh]);
  // A burst of events (a case dispatched to five departments) is read once, by the list as it
  // is then (its filters may have changed since the event came).
  const pending = useRef<number | undefined>(undefined);
  const current = useRef(refresh);
  current.current = refresh;
  useLive(() => {
    window.clearTimeout(pending.current);
    pending.current = window.setTimeout(() => void current.current(), 250);
  });
  useEffect(() => () => window.clearTimeout(pending.current), []);
  return { rows, count, loading, refresh };
}
