import { AimOutlined, CameraOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Typography,
  Upload,
  type UploadFile,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { useI18n } from "../../i18n/I18n";
import { INCIDENT_TYPES, options } from "../../i18n/labels";
import { keep, pendingReports, sendPending, type PendingReport } from "../../offline/reportQueue";
import { routingCategory, sendReport, unreachable } from "./reporting";

const MAX_PHOTOS = 6;
const PHOTO_TYPES = "image/jpeg,image/png,image/webp";

type Institution = Schemas["InstitutionPublic"];

interface Fields {
  incident_type: string;
  description: string;
  latitude: number;
  longitude: number;
  institution_name: string;
  institution_address: string;
}

/** 上报事件: a grid worker's report from the street, on a phone, in under a minute. */
export default function ReportPage() {
  const api = useApi();
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Fields>();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [picked, setPicked] = useState<Institution | null>(null);
  const [found, setFound] = useState<Institution[]>([]);
  const [locating, setLocating] = useState(false);
  const [sending, setSending] = useState(false);
  const [waiting, setWaiting] = useState(0);

  const flush = useCallback(async () => {
    const sent = await sendPending((pending) => sendReport(api, pending).then(() => undefined));
    setWaiting((await pendingReports()).length);
    if (sent > 0) message.success(t(`已发送 ${sent} 条离线上报`, `${sent} offline report(s) sent`));
  }, [api, message, t]);

  useEffect(() => {
    void pendingReports().then((queue) => setWaiting(queue.length));
    const online = () => void flush().catch(() => undefined);
    window.addEventListener("online", online);
    if (navigator.onLine) online();
    return () => window.removeEventListener("online", online);
  }, [flush]);

  const locate = () => {
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        form.setFieldsValue({ latitude: round(coords.latitude), longitude: round(coords.longitude) });
        setLocating(false);
      },
      (error) => {
        message.warning(t(`无法定位：${error.message}，请手动填写`, `No location: ${error.message}; enter it by hand`));
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 10000 },
    );
  };

  const search = async (q: string) => {
    if (q.trim().length < 1) return setFound([]);
    const page = await ok(
      api.GET("/api/institutions/institutions", {
        params: { query: { q, ...nearHere(form.getFieldValue("latitude"), form.getFieldValue("longitude")), limit: 10 } },
      }),
    ).catch(() => null);
    setFound(page?.data ?? []);
  };

  const pick = (institutionId: string) => {
    const institution = found.find((item) => item.institution_id === institutionId) ?? null;
    setPicked(institution);
    if (institution) {
      form.setFieldsValue({ institution_name: institution.name, institution_address: institution.address });
      if (institution.latitude != null && institution.longitude != null && !form.getFieldValue("latitude")) {
        form.setFieldsValue({ latitude: institution.latitude, longitude: institution.longitude });
      }
    }
  };

  const submit = async (fields: Fields) => {
    const pending: PendingReport = {
      key: crypto.randomUUID(),
      savedAt: new Date().toISOString(),
      photos: photos.map((file) => file.originFileObj as File),
      report: {
        incident_type: fields.incident_type,
        description: fields.description,
        location: { latitude: fields.latitude, longitude: fields.longitude },
        institution_name: fields.institution_name,
        institution_address: fields.institution_address,
        ...(picked && fields.institution_name === picked.name
          ? { institution_id: picked.institution_id, institution_category: routingCategory(picked) }
          : {}),
      },
    };
    setSending(true);
    try {
      const incidentId = await sendReport(api, pending);
      message.success(t("上报成功，已吹哨派单", "Reported; the whistle is blown"));
      navigate(`/reports?new=${encodeURIComponent(incidentId)}`);
    } catch (error) {
      if (!unreachable(error)) {
        message.error(String((error as Error).message));
        return;
      }
      await keep(pending);
      setWaiting((await pendingReports()).length);
      message.info(t("当前无网络：已保存，联网后自动发送", "Offline: kept, and sent when the connection is back"));
      form.resetFields();
      setPhotos([]);
      setPicked(null);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title={t("上报事件", "Report an incident")} style={{ maxWidth: 640, margin: "0 auto" }}>
      {waiting > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="offline-queue"
          message={t(`${waiting} 条上报等待联网发送`, `${waiting} report(s) waiting for a connection`)}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(fields) => void submit(fields)} requiredMark>
        <Form.Item
          name="incident_type"
          label={t("事件类型", "Incident type")}
          rules={[{ required: true, message: t("请选择事件类型", "Choose the type") }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={options(INCIDENT_TYPES, language)}
            placeholder={t("例如：无证办学", "e.g. unlicensed school")}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t("情况描述", "What you saw")}
          rules={[{ required: true, min: 2, message: t("请描述看到的情况", "Describe what you saw") }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t("时间、地点、人数、现场情况", "When, where, how many")} />
        </Form.Item>
        <Form.Item label={t("培训机构（从登记库选择或填写）", "Institution (from the registry, or typed)")} required>
          <Form.Item
            name="institution_name"
            noStyle
            rules={[{ required: true, message: t("请填写机构名称", "Name the institution") }]}
          >
            <AutoComplete
              onSearch={(q) => void search(q)}
              onSelect={(value: string) => pick(value)}
              options={found.map((item) => ({
                value: item.institution_id,
                label: `${item.name}（${item.address}）`,
              }))}
              placeholder={t("输入名称搜索", "Type to search")}
              aria-label={t("机构名称", "Institution name")}
            />
          </Form.Item>
          {picked && (
            <Typography.Text type="success" data-testid="picked-institution">
              {t("已关联登记机构", "Linked to the registry")}: {picked.name} · {picked.institution_id}
            </Typography.Text>
          )}
        </Form.Item>
        <Form.Item
          name="institution_address"
          label={t("地址", "Address")}
          rules={[{ required: true, message: t("请填写地址", "Give the address") }]}
        >
          <Input />
        </Form.Item>
        <Form.Item label={t("位置", "Location")} required>
          <Space.Compact style={{ width: "100%" }}>
            <Form.Item name="latitude" noStyle rules={[{ required: true, message: t("请定位", "Locate") }]}>
              <InputNumber placeholder={t("纬度", "Latitude")} min={-90} max={90} step={0.0001} style={{ width: "40%" }} />
            </Form.Item>
            <Form.Item name="longitude" noStyle rules={[{ required: true, message: t("请定位", "Locate") }]}>
              <InputNumber placeholder={t("经度", "Longitude")} min={-180} max={180} step={0.0001} style={{ width: "40%" }} />
            </Form.Item>
            <Button icon={<AimOutlined />} loading={locating} onClick={locate} style={{ width: "20%" }} aria-label={t("定位", "Locate")} />
          </Space.Compact>
        </Form.Item>
        <Form.Item label={t(`现场照片（最多 ${MAX_PHOTOS} 张）`, `Photos (up to ${MAX_PHOTOS})`)}>
          <Upload
            listType="picture-card"
            accept={PHOTO_TYPES}
            multiple
            maxCount={MAX_PHOTOS}
            fileList={photos}
            beforeUpload={() => false}
            onChange={({ fileList }) => setPhotos(fileList.slice(0, MAX_PHOTOS))}
          >
            {photos.length < MAX_PHOTOS && <CameraOutlined style={{ fontSize: 24 }} />}
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={sending}>
          {t("上报", "Report")}
        </Button>
      </Form>
    </Card>
  );
}

/** Registry entries near the reported point first, once the point is known. */
function nearHere(latitude?: number, longitude?: number): { near?: string; radius?: number } {
  return latitude != null && longitude != null ? { near: `${latitude},${longitude}`, radius: 2000 } : {};
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
