import type { Api, Schemas } from "../../api/client";
import { ok } from "../../api/client";

type Unit = Schemas["UnitPublic"];
type Inspection = Schemas["InspectionPublic"];
type Order = Schemas["inspections.OrderPublic"];

/** A unit the inspector is listed for, with where its inspections stand. */
export interface Target {
  unit: Unit;
  /** The inspection under way there, to be continued. */
  running?: Inspection;
  /** The newest completed inspection and the order it issued, if any. */
  last?: Inspection;
  order?: Order;
}

const ALL = { limit: 200 };

/** My listed units (挂牌), each with its running or last inspection and that one's order. */
export async function myTargets(api: Api, inspector: string): Promise<{ data: Target[]; count: number }> {
  const [units, inspections, orders] = await Promise.all([
    ok(api.GET("/api/inspections/units", { params: { query: ALL } })),
    ok(api.GET("/api/inspections/inspections", { params: { query: { ...ALL, inspector } } })),
    ok(api.GET("/api/inspections/orders", { params: { query: ALL } })),
  ]);
  const newestFirst = [...inspections.data].sort((a, b) => b.started_at.localeCompare(a.started_at));
  const data = units.data.map((unit) => {
    const here = newestFirst.filter((inspection) => inspection.unit_id === unit.unit_id);
    const last = here.find((inspection) => inspection.status === "completed");
    return {
      unit,
      running: here.find((inspection) => inspection.status === "in_progress"),
      last,
      order: orders.data.find((order) => order.order_id === last?.order_id),
    };
  });
  return { data, count: units.count };
}

/** Where the phone is, if it says so within a few seconds (the inspection records it). */
export function whereAmI(): Promise<Schemas["GeoPoint"] | undefined> {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(undefined);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => resolve({ latitude: coords.latitude, longitude: coords.longitude }),
      () => resolve(undefined),
      { timeout: 5000, maximumAge: 60_000 },
    );
  });
}
