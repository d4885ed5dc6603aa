from pathlib import Path

from pydantic_settings import SettingsConfigDict

from govkit.settings import CommonSettings

# The console's Vite build output in the repository: gateway/src/gateway/ → the repo's console/dist.
BUILT_CONSOLE = Path(__file__).resolve().parents[3] / "console" / "dist"


class GatewaySettings(CommonSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    patrol_url: str = "http://127.0.0.1:8101"
    enforcement_url: str = "http://127.0.0.1:8102"
    workflows_url: str = "http://127.0.0.1:8103"
    institutions_url: str = "http://127.0.0.1:8104"
    risk_url: str = "http://127.0.0.1:8105"
    oversight_url: str = "http://127.0.0.1:8106"
    inspections_url: str = "http://127.0.0.1:8107"
    temporal_ui_url: str = "http://127.0.0.1:8233"
    port: int = 8000
    # How long a service's OpenAPI document is kept: /openapi.json and the operations forwarded.
    docs_cache_seconds: float = 30
    # The largest request body forwarded (the registry's import takes files up to 50 MB): 413.
    max_body_bytes: int = 64 * 1024 * 1024
    # Token buckets: each caller IP and each user (token `sub`) may send this many requests a
    # second on average and `*_burst` at once, then 429 with Retry-After. Generous: the load
    # and e2e tests send tens of requests a second from one IP and a few users.
    ip_requests_per_second: float = 300
    ip_burst: int = 1500
    user_requests_per_second: float = 50
    user_burst: int = 300
    # Behind TLS: browsers are told to come back over https only (Strict-Transport-Security).
    served_over_https: bool = False
    # The browser console (Vite build output) served at /; GATEWAY_CONSOLE_DIR points elsewhere.
    console_dir: Path = BUILT_CONSOLE
    # The Keycloak client the console logs in with (a public client with PKCE).
    console_client_id: str = "console"
    # /live sends a comment this often so proxies and the browser keep an idle stream open.
    live_heartbeat_seconds: float = 15
