import { Space, Tag } from "antd";

import type { Schemas } from "../../api/client";
import { useI18n } from "../../i18n/I18n";
import { licenceText, todayInChina } from "../../i18n/registry";

type Licensed = Pick<
  Schemas["InstitutionPublic"],
  "school_licence_no" | "school_licence_valid_until" | "business_licence_no" | "business_licence_valid_until"
>;

/** 办学许可证 and 营业执照: held and valid (green), expired or missing (red). */
export function LicenceTags({ institution, numbers = false }: { institution: Licensed; numbers?: boolean }) {
  const { t } = useI18n();
  const today = todayInChina();
  const licences = [
    [t("办学许可证", "School licence"), institution.school_licence_no, institution.school_licence_valid_until],
    [t("营业执照", "Business licence"), institution.business_licence_no, institution.business_licence_valid_until],
  ] as const;
  return (
    <Space direction={numbers ? "vertical" : "horizontal"} size={4} wrap>
      {licences.map(([name, number, until]) => {
        const licence = licenceText(number ? until : null, today, t);
        return (
          <Tag key={name} color={licence.good ? "green" : "red"} data-testid="licence">
            {name}
            {numbers && number ? ` ${number}` : ""}：{licence.text}
          </Tag>
        );
      })}
    </Space>
  );
}
