import type { Session } from "../../auth/session";
import { ApiError } from "../../api/client";

/** What the inspections service keeps as evidence (it checks the content, not the name). */
export const EVIDENCE_TYPES = "image/jpeg,image/png,image/webp,application/pdf";

async function authorised(session: Session, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${await session.token()}`);
  const reply = await fetch(path, { ...init, headers });
  if (!reply.ok) {
    const body = (await reply.json().catch(() => ({}))) as { detail?: unknown };
    const detail = typeof body.detail === "string" ? body.detail : `HTTP ${reply.status}`;
    throw new ApiError(reply.status, detail);
  }
  return reply;
}

/** Upload a photo or document to an inspection or order (`…/files`); its sha256 names it. */
export async function uploadEvidence(session: Session, path: string, file: File): Promise<string> {
  const form = new FormData();
  form.append("file", file, file.name);
  const reply = await authorised(session, `${path}/files`, { method: "POST", body: form });
  return ((await reply.json()) as { sha256: string }).sha256;
}

/** A kept file as an object URL for <img> or a link (the caller revokes it), and its type. */
export async function evidenceUrl(
  session: Session,
  path: string,
  sha256: string,
): Promise<{ url: string; image: boolean }> {
  const blob = await (await authorised(session, `${path}/files/${sha256}`)).blob();
  return { url: URL.createObjectURL(blob), image: blob.type.startsWith("image/") };
}

/** Fetch a file the API makes (it needs the token, so no plain link) and save it. */
export async function download(session: Session, path: string, filename: string): Promise<void> {
  const reply = await authorised(session, path);
  const url = URL.createObjectURL(await reply.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
