import createClient from "openapi-fetch";

import { ok, type Schemas } from "../api/client";
import type { paths } from "../api/schema";

export type Listed = Schemas["ListedInstitution"];
export type PublishedList = "white" | "black";

export interface Search {
  list: PublishedList;
  q: string;
  district: string;
}

/** The typed client without a token: the gateway serves the published lists to anyone. */
const api = createClient<paths>({ baseUrl: window.location.origin });

export function searchList(search: Search, offset: number, limit: number): Promise<{ data: Listed[]; count: number }> {
  return ok(
    api.GET("/public/lists/{list_status}", {
      params: {
        path: { list_status: search.list },
        query: {
          ...(search.q.trim() ? { q: search.q.trim() } : {}),
          ...(search.district ? { district: search.district } : {}),
          offset,
          limit,
        },
      },
    }),
  );
}

/** The search in the address bar, so a parent can share or reload it. */
export function searchFromUrl(): Search {
  const params = new URLSearchParams(window.location.search);
  return {
    list: params.get("list") === "black" ? "black" : "white",
    q: params.get("q") ?? "",
    district: params.get("district") ?? "",
  };
}

export function keepInUrl(search: Search): void {
  const params = new URLSearchParams();
  params.set("list", search.list);
  if (search.q.trim()) params.set("q", search.q.trim());
  if (search.district) params.set("district", search.district);
  window.history.replaceState(null, "", `${window.location.pathname}?${params.toString()}`);
}
