from pydantic_settings import SettingsConfigDict

from govkit.settings import CommonSettings


class OversightSettings(CommonSettings):
    model_config = SettingsConfigDict(env_prefix="OVERSIGHT_", extra="ignore")

    database_url: str = "sqlite:///.cache/run/data/oversight.db"
    consumer_group: str = "oversight"
    port: int = 8106
