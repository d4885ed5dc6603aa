from pydantic_settings import SettingsConfigDict

from govkit.settings import CommonSettings


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
    # How long /openapi.json keeps a merge of the services' documents that all answered.
    docs_cache_seconds: float = 30
