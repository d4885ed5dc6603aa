import { Tag } from "antd";

import type { Schemas } from "../api/client";
import { Countdown } from "./Countdown";

type Task = Schemas["TaskPublic"];

/** The clock a task is on: 报到 until reported for duty, then 处置; none once fed back or paused. */
export function TaskClock({ task, now }: { task: Task; now: number }) {
  if (task.pause_state === "paused") return <Tag color="purple">—</Tag>;
  if (task.status === "dispatched") {
    return <Countdown clock="acknowledge" deadline={task.acknowledge_by} startedAt={task.dispatched_at} now={now} />;
  }
  if (task.status === "acknowledged" && task.handle_by) {
    const startedAt = task.acknowledged_at ?? task.dispatched_at;
    return <Countdown clock="handle" deadline={task.handle_by} startedAt={startedAt} now={now} />;
  }
  return <span>—</span>;
}
