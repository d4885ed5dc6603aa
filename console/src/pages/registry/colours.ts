/** The tag colour of each state, list and risk level (antd preset colours). */
export const STATE_COLOURS: Record<string, string> = {
  pending: "gold",
  approved: "green",
  rectifying: "orange",
  closed: "default",
  banned: "red",
  exited: "default",
};

export const LIST_COLOURS: Record<string, string> = { white: "green", black: "red" };

export const RISK_COLOURS: Record<string, string> = { red: "red", yellow: "gold", green: "green" };
