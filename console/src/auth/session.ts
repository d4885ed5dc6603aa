import Keycloak from "keycloak-js";

import type { ConsoleConfig } from "../config";

/** The realm's roles, as the services name them. */
export type Role =
  | "grid_worker"
  | "township_officer"
  | "district_officer"
  | "department_officer"
  | "department_lead"
  | "inspector"
  | "leader"
  | "admin"
  | "institution_staff";

/** Who is logged in: name, roles and jurisdiction, read from the access token's claims. */
export interface Session {
  username: string;
  roles: Set<Role>;
  department?: string;
  district?: string;
  township?: string;
  grid?: string;
  /** A token valid for at least the next 30 seconds, refreshed silently when needed. */
  token(): Promise<string>;
  logout(): Promise<void>;
}

interface Claims {
  preferred_username?: string;
  realm_access?: { roles?: string[] };
  department?: string;
  district?: string;
  township?: string;
  grid?: string;
}

/** Log in through Keycloak (Authorization Code + PKCE) and keep the tokens fresh. */
export async function startSession(config: ConsoleConfig): Promise<Session> {
  const keycloak = new Keycloak({
    url: config.keycloak_url,
    realm: config.realm,
    clientId: config.client_id,
  });
  await keycloak.init({
    onLoad: "login-required",
    pkceMethod: "S256",
    checkLoginIframe: false,
    responseMode: "query",
  });
  // Keep the session alive while the page is open, even with no request going out.
  keycloak.onTokenExpired = () => void keycloak.updateToken(30).catch(() => keycloak.login());
  const claims = (keycloak.tokenParsed ?? {}) as Claims;
  return {
    username: claims.preferred_username ?? "",
    roles: new Set((claims.realm_access?.roles ?? []) as Role[]),
    department: claims.department,
    district: claims.district,
    township: claims.township,
    grid: claims.grid,
    async token() {
      try {
        await keycloak.updateToken(30);
      } catch {
        // Without a connection the page stays (an offline report is kept); online, log in again.
        if (!navigator.onLine) throw new TypeError("offline: the token cannot be refreshed");
        await keycloak.login();
      }
      return keycloak.token ?? "";
    },
    logout: () => keycloak.logout({ redirectUri: window.location.origin + "/" }),
  };
}

export function hasAny(session: Session, roles: Role[]): boolean {
  return roles.some((role) => session.roles.has(role));
}
