import type { Role } from "../../auth/session";

/** Who reads the registry and risk screens, and who may import (the services' own rules). */
export const REGISTRY_READERS: Role[] = ["department_officer", "department_lead", "district_officer", "leader", "admin"];
export const REGISTRY_IMPORTERS: Role[] = ["department_officer", "department_lead", "district_officer", "admin"];
