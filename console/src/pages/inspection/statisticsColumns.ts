import type { Schemas } from "../../api/client";

type Row = Schemas["StatisticsRow"];
type Pair = [zh: string, en: string];

/** One figure of a row: where it is in the API's row (`field` or `field.column`). */
export interface Figure {
  path: string;
  name: Pair;
}

/** A heading of the annex and the figures under it. */
export interface Group {
  name: Pair;
  figures: Figure[];
}

const SCHOOLS: Pair[] = [
  ["合计", "Total"],
  ["小学", "Primary"],
  ["初中", "Junior"],
];
const UNITS: Pair[] = [...SCHOOLS, ["校外培训机构", "Institutions"]];
const KEYS = ["total", "primary", "junior", "institutions"];

function split(field: string, name: Pair, columns: Pair[]): Group {
  return { name, figures: columns.map((column, n) => ({ path: `${field}.${KEYS[n]}`, name: column })) };
}

/** The columns of 附件5 “双减”督导有关情况统计表, as the service's CSV lays them out. */
export const GROUPS: Group[] = [
  {
    name: ["实地督导校外培训机构（个）", "Institutions inspected"],
    figures: [
      { path: "institutions_inspected", name: ["合计", "Total"] },
      { path: "institutions_subject", name: ["学科类", "Subject"] },
      { path: "institutions_non_subject", name: ["非学科类", "Non-subject"] },
    ],
  },
  split("inspectors_sent", ["派出责任督学数（人）", "Inspectors sent"], SCHOOLS),
  split("schools_inspected", ["实地督导学校数量（所）", "Schools inspected"], SCHOOLS),
  split("notices_issued", ["整改通知书及问题清单（套）", "Notices issued"], SCHOOLS),
  split("orders_issued", ["下发整改督办单（份）", "Orders issued"], UNITS),
  split("units_with_problems", ["存在问题学校（所）", "Units with problems"], UNITS),
  split("units_rectified", ["已完成整改学校数", "Units rectified"], UNITS),
  split("problems_found", ["存在问题（个）", "Problems found"], UNITS),
  split("problems_rectified", ["已完成整改问题数", "Problems rectified"], UNITS),
  split("problems_rectifying", ["正在整改问题数", "Problems being rectified"], UNITS),
  {
    name: ["问责情况", "Accountability"],
    figures: [
      { path: "accountability.supervision_notices", name: ["印发督办单（件）", "Supervision notices"] },
      { path: "accountability.public_notices", name: ["通报（次）", "Public notices"] },
      { path: "accountability.formal_talks", name: ["约谈（人次）", "Formal talks"] },
      { path: "accountability.accountability", name: ["问责（人次）", "Accountability"] },
    ],
  },
];

/** The figure at `path` in a row of the table. */
export function figure(row: Row, path: string): number {
  return path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], row) as number;
}
