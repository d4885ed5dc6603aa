import createClient, { type Middleware } from "openapi-fetch";

import type { Session } from "../auth/session";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
/** The query parameters a GET operation takes. */
export type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;
export type Api = ReturnType<typeof createClient<paths>>;

/** What went wrong with a call, in the words the service used. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A typed client of the gateway's API; every call carries a fresh token. */
export function createApi(session: Session): Api {
  const api = createClient<paths>({ baseUrl: window.location.origin });
  const auth: Middleware = {
    async onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${await session.token()}`);
      return request;
    },
  };
  api.use(auth);
  return api;
}

interface Detail {
  loc?: (string | number)[];
  msg?: string;
}

/** The data of a reply, or an ApiError saying what the service refused and why. */
export async function ok<T>(
  reply: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await reply;
  if (error !== undefined || data === undefined) {
    throw new ApiError(response.status, describe(error) || `HTTP ${response.status}`);
  }
  return data;
}

function describe(error: unknown): string {
  const detail = (error as { detail?: unknown } | undefined)?.detail;
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    return (detail as Detail[])
      .map((item) => [item.loc?.slice(1).join("."), item.msg].filter(Boolean).join(": "))
      .join("; ");
  }
  return "";
}
