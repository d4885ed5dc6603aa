import { CameraOutlined } from "@ant-design/icons";
import { App, Form, Image, Space, Upload, type UploadFile } from "antd";
import { useEffect, useState } from "react";

import { useSession } from "../../auth/SessionContext";
import { useI18n } from "../../i18n/I18n";
import { EVIDENCE_TYPES, evidenceUrl, uploadEvidence } from "./files";

/** The sha256 of each file the field finished uploading. */
export function uploadedHashes(files: UploadFile[] | undefined): string[] {
  return (files ?? []).filter((file) => file.status === "done").map((file) => String(file.response));
}

/** A form field of photos or scans, each uploaded to `path` (…/files) as soon as it is picked. */
export function EvidenceField({ path, name = "files" }: { path: string; name?: string }) {
  const session = useSession();
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Form.Item
      name={name}
      label={t("照片或材料", "Photos or documents")}
      valuePropName="fileList"
      getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList}
    >
      <Upload
        listType="picture-card"
        accept={EVIDENCE_TYPES}
        customRequest={({ file, onSuccess, onError }) => {
          uploadEvidence(session, path, file as File).then(
            (sha256) => onSuccess?.(sha256),
            (error: Error) => (message.error(error.message), onError?.(error)),
          );
        }}
      >
        <CameraOutlined style={{ fontSize: 24 }} />
      </Upload>
    </Form.Item>
  );
}

/** Thumbnails of kept files (`path`/files/{sha256}); they need the token, so they are fetched. */
export function EvidenceThumbs({ path, hashes }: { path: string; hashes: string[] }) {
  const session = useSession();
  const { t } = useI18n();
  const [files, setFiles] = useState<{ url: string; image: boolean }[]>([]);
  const key = hashes.join(",");
  useEffect(() => {
    let made: { url: string; image: boolean }[] = [];
    const fetched = key ? key.split(",").map((sha) => evidenceUrl(session, path, sha).catch(() => null)) : [];
    void Promise.all(fetched).then((found) => {
      made = found.filter((file) => file !== null);
      setFiles(made);
    });
    return () => made.forEach((file) => URL.revokeObjectURL(file.url));
  }, [session, path, key]);
  if (files.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap data-testid="evidence">
        {files.map((file, n) =>
          file.image ? (
            <Image key={file.url} width={72} src={file.url} />
          ) : (
            <a key={file.url} href={file.url} target="_blank" rel="noreferrer">
              {t(`材料${n + 1}（PDF）`, `Document ${n + 1} (PDF)`)}
            </a>
          ),
        )}
      </Space>
    </Image.PreviewGroup>
  );
}
