import type { Api, Schemas } from "../../api/client";
import { ok } from "../../api/client";
import type { PendingReport } from "../../offline/reportQueue";

export type IncidentReport = Schemas["IncidentReport"];
type Institution = Schemas["InstitutionPublic"];

/** What routing needs to know of a registered institution: subject, or its non-subject kind. */
export function routingCategory(institution: Institution): Schemas["InstitutionCategory"] {
  return institution.category === "subject" ? "subject" : (institution.non_subject_kind ?? "other");
}

/**
 * Send one report and its photos. The report's key makes a repeat harmless: the platform
 * answers a key it has seen with the incident it already made, and a photo it already has
 * for that incident is not stored twice.
 */
export async function sendReport(api: Api, pending: PendingReport): Promise<string> {
  const incident = await ok(
    api.POST("/api/patrol/incidents", {
      body: pending.report as IncidentReport,
      headers: { "Idempotency-Key": pending.key },
    }),
  );
  for (const photo of pending.photos) {
    const form = new FormData();
    form.append("file", photo, photo.name);
    await ok(
      api.POST("/api/patrol/incidents/{incident_id}/photos", {
        params: { path: { incident_id: incident.incident_id } },
        body: form as never,
        bodySerializer: (body: unknown) => body as FormData,
      }),
    );
  }
  return incident.incident_id;
}

/** True when the call never reached the platform (no connection), so the report must wait. */
export function unreachable(error: unknown): boolean {
  return error instanceof TypeError || !navigator.onLine;
}
