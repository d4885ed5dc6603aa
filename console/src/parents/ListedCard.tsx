import type { Language } from "../i18n/I18n";
import { label } from "../i18n/labels";
import { CATEGORIES, DISTRICTS, licenceText, NON_SUBJECT_KINDS, STATES, todayInChina } from "../i18n/registry";
import type { Listed } from "./publicApi";

interface Props {
  row: Listed;
  language: Language;
  t: (zh: string, en: string) => string;
}

/** One listed institution: where it is, what it teaches, its licences, and why it is listed. */
export function ListedCard({ row, language, t }: Props) {
  const today = todayInChina();
  const black = row.list_status === "black";
  const kind = row.non_subject_kind ? ` · ${label(NON_SUBJECT_KINDS, row.non_subject_kind, language)}` : "";
  return (
    <li className={`listed ${row.list_status}`} data-testid="listed">
      <h2>{row.name}</h2>
      <p className="where">
        {row.address}
        <span>{label(DISTRICTS, row.district, language)}</span>
      </p>
      <dl>
        <dt>{t("类别", "Category")}</dt>
        <dd>
          {label(CATEGORIES, row.category, language)}
          {kind}
        </dd>
        <dt>{t("状态", "Status")}</dt>
        <dd className={black ? "bad" : undefined}>{label(STATES, row.state, language)}</dd>
        {(
          [
            [t("办学许可证", "School licence"), row.school_licence_valid_until],
            [t("营业执照", "Business licence"), row.business_licence_valid_until],
          ] as const
        ).map(([name, until]) => {
          const licence = licenceText(until, today, t);
          return [
            <dt key={`${name}-t`}>{name}</dt>,
            <dd key={`${name}-d`} className={licence.good ? "good" : "bad"}>
              {licence.text}
            </dd>,
          ];
        })}
        <dt>{black ? t("列入黑名单原因", "Why blacklisted") : t("列入白名单依据", "Why whitelisted")}</dt>
        <dd className={black ? "reason bad" : "reason"} data-testid="list-reason">
          {row.list_reason ?? "—"}
          {row.list_date && <small>{t(`（${row.list_date} 列入）`, ` (listed ${row.list_date})`)}</small>}
        </dd>
        <dt>{t("统一社会信用代码", "Credit code")}</dt>
        <dd className="code">{row.credit_code}</dd>
      </dl>
    </li>
  );
}
