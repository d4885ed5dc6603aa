from pydantic_settings import SettingsConfigDict

from govkit.settings import CommonSettings


class WorkflowSettings(CommonSettings):
    model_config = SettingsConfigDict(env_prefix="WORKFLOWS_", extra="ignore")

    temporal_address: str = "127.0.0.1:7233"
    temporal_namespace: str = "default"
    task_queue: str = "whistle"
    consumer_group: str = "workflows-bridge"
    # 报到 clock: how long a department has to acknowledge (30 minutes by default).
    acknowledge_within_seconds: int = 30 * 60
    port: int = 8103
