import { Form, Input, InputNumber, Select, Space } from "antd";

import { useApi } from "../../api/ApiContext";
import { ok, type Schemas } from "../../api/client";
import { ActionButton } from "../../components/ActionButton";
import { useI18n } from "../../i18n/I18n";
import { DEPARTMENTS, INCIDENT_TYPES, SEVERITIES, options } from "../../i18n/labels";

interface Fields {
  incident_type: Schemas["IncidentType"];
  description: string;
  grid: string;
  departments: Schemas["Department"][];
  severity: Schemas["Severity"];
  institution_name: string;
  institution_address: string;
  latitude: number;
  longitude: number;
}

/** 吹哨 by hand: the township reports its own observation and chooses who is called (lead first). */
export function HandWhistle({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const { t, language } = useI18n();
  return (
    <ActionButton<Fields>
      type="primary"
      danger
      onDone={onDone}
      title={t("吹哨：自行发现的问题", "Blow the whistle on an own observation")}
      done={t("已吹哨，部门将收到任务", "Whistle blown; the departments get their tasks")}
      fields={
        <>
          <Form.Item name="incident_type" label={t("事件类型", "Type")} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={options(INCIDENT_TYPES, language)} />
          </Form.Item>
          <Form.Item name="description" label={t("情况", "What")} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="grid" label={t("网格", "Grid")} rules={[{ required: true }]}>
            <Input placeholder="dongtang-01" />
          </Form.Item>
          <Form.Item name="departments" label={t("部门（第一个牵头）", "Departments (first leads)")} rules={[{ required: true }]}>
            <Select mode="multiple" options={options(DEPARTMENTS, language)} />
          </Form.Item>
          <Form.Item name="severity" label={t("紧急程度", "Severity")} initialValue="normal" rules={[{ required: true }]}>
            <Select options={options(SEVERITIES, language)} />
          </Form.Item>
          <Form.Item name="institution_name" label={t("机构", "Institution")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="institution_address" label={t("地址", "Address")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Space.Compact>
            <Form.Item name="latitude" rules={[{ required: true }]}>
              <InputNumber placeholder={t("纬度", "Latitude")} min={-90} max={90} />
            </Form.Item>
            <Form.Item name="longitude" rules={[{ required: true }]}>
              <InputNumber placeholder={t("经度", "Longitude")} min={-180} max={180} />
            </Form.Item>
          </Space.Compact>
        </>
      }
      run={({ latitude, longitude, ...fields }) =>
        ok(api.POST("/api/patrol/incidents", { body: { ...fields, location: { latitude, longitude } } }))
      }
    >
      {t("吹哨", "Blow the whistle")}
    </ActionButton>
  );
}
