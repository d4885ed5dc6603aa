/** What the gateway pushes on `/live`: which case or task changed; the screen re-reads it. */
export interface LiveEvent {
  type: string;
  case_id: string;
  task_id?: string;
  department?: string;
  status?: string;
  occurred_at?: string;
}

type Listener = (event: LiveEvent) => void;

/**
 * One server-sent event stream per open console, read with `fetch` so the token travels in
 * the Authorization header (EventSource cannot send one). Reconnects with backoff.
 */
export class LiveFeed {
  private listeners = new Set<Listener>();
  private stopped = false;
  onStateChange: (connected: boolean) => void = () => undefined;

  constructor(private readonly token: () => Promise<string>) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
  }

  private async run(): Promise<void> {
    let backoff = 1000;
    while (!this.stopped) {
      try {
        await this.read();
        backoff = 1000;
      } catch {
        this.onStateChange(false);
      }
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, 30000);
    }
  }

  private async read(): Promise<void> {
    const reply = await fetch("/live", {
      headers: { Authorization: `Bearer ${await this.token()}`, Accept: "text/event-stream" },
      cache: "no-store",
    });
    if (!reply.ok || !reply.body) throw new Error(`/live: HTTP ${reply.status}`);
    this.onStateChange(true);
    const reader = reply.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    while (!this.stopped) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        this.dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
    this.onStateChange(false);
  }

  private dispatch(block: string): void {
    const data = block
      .split("\n")
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(5).trim())
      .join("\n");
    if (!data) return; // a heartbeat comment
    const event = JSON.parse(data) as LiveEvent;
    this.listeners.forEach((listener) => listener(event));
  }
}
