import { createContext, useContext, useEffect, useRef } from "react";

import type { LiveEvent, LiveFeed } from "./live";

export const LiveContext = createContext<LiveFeed | null>(null);

/** Call `onEvent` for every live event while the component is on screen. */
export function useLive(onEvent: (event: LiveEvent) => void): void {
  const feed = useContext(LiveContext);
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => feed?.subscribe((event) => latest.current(event)), [feed]);
}
