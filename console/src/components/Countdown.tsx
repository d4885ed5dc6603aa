import { Tag, Tooltip } from "antd";

import { useI18n } from "../i18n/I18n";
import { instant, shown, timeLeft } from "../time";

interface Props {
  deadline: string;
  /** When the clock started, so the colour can say how much of the time is used. */
  startedAt: string;
  now: number;
  clock: "acknowledge" | "handle";
}

/** Time left on a 报到 or 处置 clock: green, orange in its last quarter, red once missed. */
export function Countdown({ deadline, startedAt, now, clock }: Props) {
  const { t } = useI18n();
  const { ms, text } = timeLeft(deadline, now);
  const total = instant(deadline).valueOf() - instant(startedAt).valueOf();
  const colour = ms < 0 ? "red" : total > 0 && ms < total / 4 ? "orange" : "green";
  const name = clock === "acknowledge" ? t("报到", "报到") : t("处置", "Handling");
  return (
    <Tooltip title={`${name} ${t("期限", "deadline")} ${shown(deadline, "YYYY-MM-DD HH:mm:ss")}`}>
      <Tag color={colour} data-testid="countdown" data-clock={clock}>
        {name} {ms < 0 ? t("已超时", "overdue") : ""} {text}
      </Tag>
    </Tooltip>
  );
}
