import { InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Result, Space, Switch, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";

import { useApi } from "../../api/ApiContext";
import type { Schemas } from "../../api/client";
import { useI18n } from "../../i18n/I18n";

type Report = Schemas["institutions.ImportReport"];
type Outcome = { file: string; report: Report; accepted: boolean } | { file: string; problem: string };
const ACCEPTED = ".csv,.xlsx";

/** 名录导入: a .csv or .xlsx of the registry; bad rows come back row by row in a table. */
export default function ImportPage() {
  const api = useApi();
  const { t } = useI18n();
  const [partial, setPartial] = useState(false);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const send = async (file: File) => {
    const form = new FormData();
    form.append("file", file, file.name);
    setSending(true);
    try {
      const { data, error, response } = await api.POST("/api/institutions/institutions/import", {
        params: { query: { accept_partial: partial } },
        body: form as never,
        bodySerializer: (body: unknown) => body as FormData,
      });
      const report = (data ?? error) as Report | { detail?: unknown } | undefined;
      if (report && "errors" in report) setOutcome({ file: file.name, report, accepted: response.ok });
      else setOutcome({ file: file.name, problem: detailOf(report) || `HTTP ${response.status}` });
    } catch (failure) {
      setOutcome({ file: file.name, problem: String((failure as Error).message) });
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title={t("名录导入", "Registry import")} extra={<Link to="/registry">{t("返回名录", "Back to the registry")}</Link>}>
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t(
            "上传 .csv 或 .xlsx 文件，表头可用英文字段名或中文表头（与名录导出一致）。默认任何一行有误则整个文件不导入。",
            "Upload a .csv or .xlsx with the field names or the Chinese headers (as the registry export writes them). By default one bad row rejects the whole file.",
          )}
        </Typography.Paragraph>
        <Space>
          <Switch checked={partial} onChange={setPartial} />
          <Typography.Text>{t("只导入无误的行", "Import the good rows anyway")}</Typography.Text>
        </Space>
        <Upload.Dragger
          accept={ACCEPTED}
          multiple={false}
          showUploadList={false}
          disabled={sending}
          beforeUpload={(file) => (void send(file), false)}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{sending ? t("正在导入…", "Importing…") : t("点击或拖入 .csv / .xlsx 文件", "Click or drop a .csv / .xlsx file")}</p>
        </Upload.Dragger>
        {outcome && <ImportOutcome outcome={outcome} />}
      </Space>
    </Card>
  );
}

function ImportOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  if ("problem" in outcome)
    return <Alert type="error" showIcon message={t(`${outcome.file} 未能导入`, `${outcome.file} was not imported`)} description={outcome.problem} />;
  const { report, accepted } = outcome;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {accepted ? (
        <Result
          status={report.error_count ? "warning" : "success"}
          title={t(`已导入 ${report.imported} 行`, `${report.imported} rows imported`)}
          subTitle={report.rejected_rows ? t(`${report.rejected_rows} 行有误未导入`, `${report.rejected_rows} bad rows left out`) : undefined}
        />
      ) : (
        <Alert
          type="error"
          showIcon
          data-testid="import-rejected"
          message={t(`文件有误，未导入：${report.rejected_rows} 行有误`, `Nothing imported: ${report.rejected_rows} bad rows`)}
          description={t("改正下表中的问题后重新上传，或打开“只导入无误的行”。", "Fix the rows below and upload again, or import the good rows anyway.")}
        />
      )}
      {report.error_count > report.errors.length && (
        <Alert
          type="warning"
          message={t(
            `共 ${report.error_count} 处问题，下表列出前 ${report.errors.length} 处`,
            `${report.error_count} problems in all; the first ${report.errors.length} are listed`,
          )}
        />
      )}
      {report.errors.length > 0 && (
        <Table
          rowKey={(error) => `${error.row}:${error.field}:${error.reason}`}
          size="small"
          data-testid="import-errors"
          dataSource={report.errors}
          pagination={report.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: true }}
          columns={[
            { title: t("行号", "Row"), dataIndex: "row", width: 80 },
            { title: t("字段", "Field"), dataIndex: "field", width: 200 },
            { title: t("问题", "Problem"), dataIndex: "reason" },
          ]}
        />
      )}
      {accepted && (
        <Link to="/registry">
          <Button>{t("查看名录", "Open the registry")}</Button>
        </Link>
      )}
    </Space>
  );
}

function detailOf(reply: { detail?: unknown } | undefined): string {
  return typeof reply?.detail === "string" ? reply.detail : "";
}
