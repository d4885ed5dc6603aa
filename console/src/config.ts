/** What the gateway tells the console at start (`/config.json`): where to log in. */
export interface ConsoleConfig {
  keycloak_url: string;
  realm: string;
  client_id: string;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const reply = await fetch("/config.json", { cache: "no-store" });
  if (!reply.ok) throw new Error(`/config.json: HTTP ${reply.status}`);
  return (await reply.json()) as ConsoleConfig;
}
