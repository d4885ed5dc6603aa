import { App, Button, Form, Modal, type ButtonProps } from "antd";
import { useState, type ReactNode } from "react";

import { useI18n } from "../i18n/I18n";

interface Props<V> extends Omit<ButtonProps, "onClick" | "title"> {
  title: string;
  /** Form items; none means the action needs only a confirmation. */
  fields?: ReactNode;
  run: (values: V) => Promise<unknown>;
  done: string;
  onDone?: () => void;
  children: ReactNode;
}

/** One action on a task or case: a button, a small form if it needs input, the call, the result. */
export function ActionButton<V extends object>({ title, fields, run, done, onDone, children, ...button }: Props<V>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<V>();

  const submit = async () => {
    const values = fields ? await form.validateFields() : ({} as V);
    setBusy(true);
    try {
      await run(values);
      message.success(done);
      setOpen(false);
      form.resetFields();
      onDone?.();
    } catch (error) {
      message.error(String((error as Error).message));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button {...button} onClick={() => setOpen(true)}>
        {children}
      </Button>
      <Modal
        title={title}
        open={open}
        okText={t("确定", "OK")}
        cancelText={t("取消", "Cancel")}
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {fields ? (
          <Form form={form} layout="vertical" preserve={false}>
            {fields}
          </Form>
        ) : (
          <p>{t("确认执行此操作？", "Go ahead?")}</p>
        )}
      </Modal>
    </>
  );
}
