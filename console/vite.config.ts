import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `npm run dev` serves the console on :5173 and sends everything else to the gateway on :8000.
const gateway = "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  server: {
    host: "127.0.0.1",
    proxy: Object.fromEntries(
      ["/api", "/live", "/public", "/config.json", "/health"].map((path) => [path, gateway]),
    ),
  },
  build: {
    outDir: "dist",
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // Two pages of one build: the console (login first) and the parents' lists (no login).
      input: { console: "index.html", parents: "parents/index.html" },
      output: {
        // The component library changes less often than the screens: its own cacheable chunk.
        // React and the API client are all the parents' page loads (no antd, no keycloak).
        manualChunks(id: string) {
          if (id.includes("node_modules/echarts") || id.includes("node_modules/zrender")) return "echarts";
          if (id.includes("node_modules/keycloak-js")) return "keycloak";
          if (/node_modules\/(react|react-dom|scheduler|openapi-fetch)\//.test(id)) return "base";
          if (id.includes("node_modules")) return "vendor";
          return undefined;
        },
      },
    },
  },
});
