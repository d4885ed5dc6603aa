import { createRoot } from "react-dom/client";

import "./parents.css";
import { ParentsPage } from "./ParentsPage";

// The parents' page: no login, no Keycloak, only the public lists (GET /public/lists/…).
createRoot(document.getElementById("root")!).render(<ParentsPage />);
