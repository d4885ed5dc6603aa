from pydantic_settings import SettingsConfigDict

from govkit.settings import CommonSettings


class PatrolSettings(CommonSettings):
    model_config = SettingsConfigDict(env_prefix="PATROL_", extra="ignore")

    database_url: str = "sqlite:///.cache/run/data/patrol.db"
    consumer_group: str = "patrol"
    # Incident photos and their thumbnails, each kept once by its sha256.
    photo_dir: str = ".cache/run/data/patrol-photos"
    port: int = 8101
