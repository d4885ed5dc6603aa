from pydantic_settings import SettingsConfigDict

from govkit.settings import CommonSettings


class InspectionsSettings(CommonSettings):
    model_config = SettingsConfigDict(env_prefix="INSPECTIONS_", extra="ignore")

    database_url: str = "sqlite:///.cache/run/data/inspections.db"
    consumer_group: str = "inspections"
    port: int = 8107
    # Uploaded photos and documents, by content hash (see `inspections.storage`).
    evidence_dir: str = ".cache/run/data/inspections-evidence"
    max_evidence_bytes: int = 10 * 1024 * 1024
    max_import_bytes: int = 5 * 1024 * 1024
