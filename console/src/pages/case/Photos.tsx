import { Image, Space } from "antd";
import { useEffect, useState } from "react";

import { useApi } from "../../api/ApiContext";
import { ok } from "../../api/client";
import { useSession } from "../../auth/SessionContext";

/** The report's photos: thumbnails, each opening the full picture. Images need the token too. */
export function Photos({ incidentId }: { incidentId: string }) {
  const api = useApi();
  const session = useSession();
  const [urls, setUrls] = useState<{ thumbnail: string; full: string }[]>([]);

  useEffect(() => {
    const made: string[] = [];
    const fetchBlob = async (path: string) => {
      const reply = await fetch(path, { headers: { Authorization: `Bearer ${await session.token()}` } });
      const url = URL.createObjectURL(await reply.blob());
      made.push(url);
      return url;
    };
    void (async () => {
      const photos = await ok(
        api.GET("/api/patrol/incidents/{incident_id}/photos", { params: { path: { incident_id: incidentId } } }),
      ).catch(() => ({ data: [] }));
      const base = `/api/patrol/incidents/${encodeURIComponent(incidentId)}/photos`;
      setUrls(
        await Promise.all(
          photos.data.map(async (photo) => ({
            thumbnail: await fetchBlob(`${base}/${photo.sha256}/thumbnail`),
            full: await fetchBlob(`${base}/${photo.sha256}`),
          })),
        ),
      );
    })();
    return () => made.forEach((url) => URL.revokeObjectURL(url));
  }, [api, session, incidentId]);

  if (urls.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap style={{ marginTop: 12 }} data-testid="photos">
        {urls.map((url) => (
          <Image key={url.full} width={96} src={url.thumbnail} preview={{ src: url.full }} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
