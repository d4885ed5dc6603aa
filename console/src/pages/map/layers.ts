import type { Api } from "../../api/client";
import { ok, type Query, type Schemas } from "../../api/client";
import type { Session } from "../../auth/session";
import { hasAny } from "../../auth/session";

export type GridCollection = Schemas["GridCollection"];
export type RiskLevel = Schemas["risk.Level"];

/** A point the map draws: where, what to call it, and the case it opens (if any). */
export interface MapPoint {
  name: string;
  latitude: number;
  longitude: number;
  caseId?: string;
}

export interface MapLayers {
  grids: GridCollection;
  incidents: MapPoint[];
  openCases: MapPoint[];
  institutions: Record<RiskLevel, MapPoint[]>;
}

type Area = Query<"/api/patrol/grids">;
// One page of each list: the map of a district shows at most this many of each kind.
const LIMIT = 200;
const READS_INCIDENTS = ["grid_worker", "township_officer", "district_officer", "leader", "admin"] as const;

/** The caller's own area: a township officer's township, a district's officer or department
 * its district, the city for leaders (the services bound every list to the caller's scope too). */
export function areaOf(session: Session): Area {
  if (session.township) return { township: session.township };
  if (session.district && !hasAny(session, ["leader", "admin"])) return { district: session.district };
  return {};
}

/** Everything the map draws, each read from the service that owns it. */
export async function loadLayers(api: Api, session: Session): Promise<MapLayers> {
  const area = areaOf(session);
  const [grids, incidents, cases, risk, registry] = await Promise.all([
    ok(api.GET("/api/patrol/grids", { params: { query: area } })),
    hasAny(session, [...READS_INCIDENTS])
      ? ok(api.GET("/api/patrol/incidents", { params: { query: { limit: LIMIT } } }))
      : Promise.resolve({ data: [] }),
    ok(api.GET("/api/enforcement/cases", { params: { query: { status: "open", limit: LIMIT } } })),
    // The risk board refuses paging parameters beside its filters: its first (default) page.
    ok(api.GET("/api/risk/institutions", { params: { query: area } })),
    ok(api.GET("/api/institutions/institutions", { params: { query: { ...area, limit: LIMIT } } })),
  ]);
  // The risk board knows each institution's level; the registry knows where it is.
  const located = new Map(registry.data.map((row) => [row.institution_id, row]));
  const institutions: Record<RiskLevel, MapPoint[]> = { red: [], yellow: [], green: [] };
  for (const entry of risk.data) {
    const place = located.get(entry.institution_id);
    if (place) institutions[entry.level].push({ name: entry.name, latitude: place.latitude, longitude: place.longitude });
  }
  return {
    grids,
    incidents: incidents.data.map((incident) => ({
      name: incident.institution_name,
      latitude: incident.latitude,
      longitude: incident.longitude,
      caseId: incident.incident_id, // a case's id is its incident's id
    })),
    openCases: cases.data.flatMap((found) =>
      found.location
        ? [{ name: found.institution_name ?? found.case_id, ...found.location, caseId: found.case_id }]
        : [],
    ),
    institutions,
  };
}
