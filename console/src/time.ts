import dayjs, { type Dayjs } from "dayjs";
import duration from "dayjs/plugin/duration";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(duration);

/** Every date on screen is Beijing time, wherever the browser is. */
export const ZONE = "Asia/Shanghai";

/** An instant from the API; one written without an offset is UTC (the services store UTC). */
export function instant(value: string): Dayjs {
  return /([zZ]|[+-]\d\d:?\d\d)$/.test(value) ? dayjs(value) : dayjs.utc(value);
}

export function shown(value: string | null | undefined, format = "YYYY-MM-DD HH:mm"): string {
  return value ? instant(value).tz(ZONE).format(format) : "—";
}

/** Time left until `deadline` as `1天 02:03:04` / `-00:05:00`, and its milliseconds. */
export function timeLeft(deadline: string, now: number): { ms: number; text: string } {
  const ms = instant(deadline).valueOf() - now;
  const span = dayjs.duration(Math.abs(ms));
  const days = Math.floor(span.asDays());
  const clock = [span.hours(), span.minutes(), span.seconds()]
    .map((part) => String(part).padStart(2, "0"))
    .join(":");
  return { ms, text: `${ms < 0 ? "-" : ""}${days > 0 ? `${days}d ` : ""}${clock}` };
}

export { dayjs };
