import { Alert, Card, Descriptions, List, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import { ApiError, ok, type Schemas } from "../../api/client";
import { useI18n } from "../../i18n/I18n";
import { label } from "../../i18n/labels";
import { RISK_LEVELS } from "../../i18n/registry";
import { shown } from "../../time";
import { RISK_COLOURS } from "./colours";

type Profile = Schemas["Profile"];
const SIGNALS_SHOWN = 10;
const LINKED_BY: Record<string, [string, string]> = {
  legal_representative: ["同一法定代表人", "Same legal representative"],
  address: ["同一场地", "Same premises"],
  fund_account: ["同一资金账户", "Same fund account"],
};

/** 风险画像: the risk service's level for the institution, why, its signals and linked ones. */
export function RiskCard({ institutionId }: { institutionId: string }) {
  const api = useApi();
  const { t, language } = useI18n();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);

  useEffect(() => {
    ok(api.GET("/api/risk/institutions/{institution_id}", { params: { path: { institution_id: institutionId } } }))
      .then(setProfile)
      .catch((error: ApiError) => setProblem(error));
  }, [api, institutionId]);

  if (problem)
    return (
      <Card title={t("风险画像", "Risk profile")} size="small">
        <Alert
          type={problem.status === 404 ? "info" : "warning"}
          message={problem.status === 404 ? t("风险交换平台尚未收到该机构", "Risk has not received this institution yet") : problem.message}
        />
      </Card>
    );
  if (!profile) return <Card title={t("风险画像", "Risk profile")} size="small" loading />;
  const { assessment, signals, links } = profile;

  return (
    <Card
      title={t("风险画像", "Risk profile")}
      size="small"
      extra={
        <Tag color={RISK_COLOURS[assessment.level]} data-testid="risk-level">
          {label(RISK_LEVELS, assessment.level, language)}
        </Tag>
      }
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t("风险分", "Score")}>{assessment.score.toFixed(1)}</Descriptions.Item>
        <Descriptions.Item label={t("资金覆盖率", "Fund cover")}>
          {assessment.cover_ratio == null ? "—" : `${(assessment.cover_ratio * 100).toFixed(0)}%`}
        </Descriptions.Item>
        <Descriptions.Item label={t("原因", "Why")}>{assessment.reasons.length ? assessment.reasons.join("；") : t("无风险信号", "No risk signal")}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t("风险信号", "Signals")}</Typography.Title>
      <List
        size="small"
        dataSource={signals.slice(0, SIGNALS_SHOWN)}
        locale={{ emptyText: t("暂无信号", "No signals") }}
        renderItem={(signal) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <Typography.Text>{signal.evidence}</Typography.Text>
              <Typography.Text type="secondary">{`${signal.kind} · ${signal.source} · ${shown(signal.occurred_at)}`}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {links.length > 0 && (
        <>
          <Typography.Title level={5}>{t("关联机构", "Linked institutions")}</Typography.Title>
          <List
            size="small"
            dataSource={links}
            renderItem={(link) => (
              <List.Item>
                <Space wrap>
                  <Link to={`/registry/${encodeURIComponent(link.institution_id)}`}>{link.name}</Link>
                  {link.via.map((via) => (
                    <Tag key={via}>{LINKED_BY[via]?.[language === "zh" ? 0 : 1] ?? via}</Tag>
                  ))}
                  <Tag color={RISK_COLOURS[link.level]}>{label(RISK_LEVELS, link.level, language)}</Tag>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
