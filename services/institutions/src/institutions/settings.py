from pydantic_settings import SettingsConfigDict

from govkit.settings import CommonSettings


class InstitutionsSettings(CommonSettings):
    model_config = SettingsConfigDict(env_prefix="INSTITUTIONS_", extra="ignore")

    database_url: str = "sqlite:///.cache/run/data/institutions.db"
    consumer_group: str = "institutions"
    port: int = 8104
