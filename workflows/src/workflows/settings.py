from pathlib import Path

from pydantic_settings import SettingsConfigDict

from govkit.settings import CommonSettings


class WorkflowSettings(CommonSettings):
    model_config = SettingsConfigDict(env_prefix="WORKFLOWS_", extra="ignore")

    temporal_address: str = "127.0.0.1:7233"
    temporal_namespace: str = "default"
    task_queue: str = "whistle"
    consumer_group: str = "workflows-bridge"
    # The clocks (JSON like workflows/data/clocks.json); unset means the packaged defaults.
    clock_policy_path: Path | None = None
    port: int = 8103
