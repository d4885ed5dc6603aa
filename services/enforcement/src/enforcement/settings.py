from pydantic_settings import SettingsConfigDict

from govkit.settings import CommonSettings


class EnforcementSettings(CommonSettings):
    model_config = SettingsConfigDict(env_prefix="ENFORCEMENT_", extra="ignore")

    database_url: str = "sqlite:///.cache/run/data/enforcement.db"
    consumer_group: str = "enforcement"
    port: int = 8102
