from pydantic_settings import SettingsConfigDict

from govkit.settings import CommonSettings


class RiskSettings(CommonSettings):
    model_config = SettingsConfigDict(env_prefix="RISK_", extra="ignore")

    database_url: str = "sqlite:///.cache/run/data/risk.db"
    consumer_group: str = "risk"
    port: int = 8105
