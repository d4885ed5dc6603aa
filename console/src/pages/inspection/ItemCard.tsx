import { CameraOutlined } from "@ant-design/icons";
import { App, Button, Card, Input, Radio, Space, Tag, Typography, Upload, type UploadFile } from "antd";
import { useState } from "react";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { useSession } from "../../auth/SessionContext";
import { useI18n } from "../../i18n/I18n";
import { SEVERITIES, label, options } from "../../i18n/labels";
import { EVIDENCE_TYPES, uploadEvidence } from "./files";
import { ITEM_RESULTS } from "./names";

type Item = Schemas["ChecklistItem"];
type Result = Schemas["ResultPublic"];
type Outcome = Schemas["ItemResult"];

interface Props {
  inspectionId: string;
  item: Item;
  recorded?: Result;
  editable: boolean;
  onSaved: (results: Result[]) => void;
}

/**
 * One checklist item on a phone: 合格 and 不适用 are saved at a tap; 不合格 asks what was found
 * and takes photos (uploaded to the inspection first, then named by their sha256).
 */
export function ItemCard({ inspectionId, item, recorded, editable, onSaved }: Props) {
  const api = useApi();
  const session = useSession();
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [result, setResult] = useState<Outcome | undefined>(recorded?.result as Outcome | undefined);
  const [note, setNote] = useState(recorded?.note ?? "");
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const path = `/api/inspections/inspections/${encodeURIComponent(inspectionId)}`;

  const save = async (outcome: Outcome, text: string) => {
    setSaving(true);
    try {
      const uploaded = photos.filter((photo) => photo.status === "done").map((photo) => String(photo.response));
      const kept = outcome === "fail" ? [...(recorded?.photos ?? []), ...uploaded] : [];
      const results = await ok(
        api.PUT("/api/inspections/inspections/{inspection_id}/results", {
          params: { path: { inspection_id: inspectionId } },
          body: { results: [{ item_no: item.no, result: outcome, note: text, photos: [...new Set(kept)] }] },
        }),
      );
      setPhotos([]);
      onSaved(results);
    } catch (error) {
      message.error(String((error as Error).message));
    } finally {
      setSaving(false);
    }
  };

  const choose = (outcome: Outcome) => {
    setResult(outcome);
    if (outcome !== "fail") void save(outcome, "");
  };

  const saved = recorded !== undefined && recorded.result === result && (result !== "fail" || recorded.note === note.trim());

  return (
    <Card size="small" data-testid={`item-${item.no}`} data-saved={saved ? "yes" : "no"}>
      <Space direction="vertical" size={8} style={{ width: "100%" }}>
        <Space wrap size={4}>
          <Typography.Text strong>{t(`第${item.no}项`, `Item ${item.no}`)}</Typography.Text>
          {item.severity !== "normal" && <Tag color="red">{label(SEVERITIES, item.severity, language)}</Tag>}
          {saved && <Tag color="green">{t("已记录", "Recorded")}</Tag>}
        </Space>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{item.text}</Typography.Paragraph>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          disabled={!editable || saving}
          value={result}
          onChange={(event) => choose(event.target.value as Outcome)}
          options={options(ITEM_RESULTS, language)}
        />
        {result === "fail" && (
          <>
            <Input.TextArea
              rows={2}
              maxLength={2000}
              disabled={!editable}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              placeholder={t("发现的问题（必填）", "What was found (required)")}
              data-testid="item-note"
            />
            {(recorded?.photos.length ?? 0) > 0 && (
              <Typography.Text type="secondary">
                {t(`已附照片 ${recorded?.photos.length} 张`, `${recorded?.photos.length} photo(s) attached`)}
              </Typography.Text>
            )}
            {editable && (
              <>
                <Upload
                  listType="picture-card"
                  accept={EVIDENCE_TYPES}
                  fileList={photos}
                  onChange={({ fileList }) => setPhotos(fileList)}
                  customRequest={({ file, onSuccess, onError }) => {
                    uploadEvidence(session, path, file as File).then(
                      (sha256) => onSuccess?.(sha256),
                      (error: Error) => (message.error(error.message), onError?.(error)),
                    );
                  }}
                >
                  <CameraOutlined style={{ fontSize: 24 }} aria-label={t("拍照", "Photo")} />
                </Upload>
                <Button
                  type="primary"
                  danger
                  block
                  loading={saving}
                  disabled={note.trim().length < 2 || photos.some((photo) => photo.status === "uploading")}
                  onClick={() => void save("fail", note)}
                >
                  {t("保存不合格项", "Save the failure")}
                </Button>
              </>
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
