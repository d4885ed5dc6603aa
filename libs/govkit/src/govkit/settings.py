"""Settings every service shares (env `GOV_*`); each service adds its own (env `<SERVICE>_*`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def shared(default: Any, env: str) -> Any:
    """A setting read from the same `GOV_*` variable by every service."""
    return Field(default, validation_alias=env)


class CommonSettings(BaseSettings):
    """Safe local defaults: loopback servers, SQLite files under .cache/run/data."""

    model_config = SettingsConfigDict(env_prefix="GOV_", extra="ignore", populate_by_name=True)

    # Loopback by default; a container sets 0.0.0.0 so its network can reach it.
    host: str = shared("127.0.0.1", "GOV_HOST")
    kafka_bootstrap: str = shared("127.0.0.1:9092", "GOV_KAFKA_BOOTSTRAP")
    # Prepended to every topic name; tests use a fresh prefix per run to stay isolated.
    topic_prefix: str = shared("", "GOV_TOPIC_PREFIX")
    oidc_issuer: str = shared("http://127.0.0.1:8080/realms/governance", "GOV_OIDC_ISSUER")
    oidc_audience: str = shared("governance-api", "GOV_OIDC_AUDIENCE")
    # The clients people sign in through (a token's `azp`), as JSON; any other client's token
    # is refused unless its service account holds a machine role (govkit.auth.MACHINE_ROLES).
    oidc_people_clients: list[str] = shared(
        ["console", "console-short-lived"], "GOV_OIDC_PEOPLE_CLIENTS"
    )
    # Where to fetch signing keys when the issuer's public address is not reachable from here
    # (inside a container network); empty means the issuer's own certs endpoint.
    oidc_jwks_url_override: str = shared("", "GOV_OIDC_JWKS_URL_OVERRIDE")
    # Where spans go: a JSON-lines file locally, OTLP/HTTP in production, or nowhere.
    otel_exporter: Literal["file", "otlp", "none"] = shared("file", "GOV_OTEL_EXPORTER")
    otel_file_dir: str = shared(".cache/run/traces", "GOV_OTEL_FILE_DIR")
    # False on replicas whose migrations run as one step before they start (a Kubernetes Job):
    # the service then only checks that its database is at its newest revision.
    migrate_at_start: bool = shared(True, "GOV_MIGRATE_AT_START")

    @property
    def oidc_jwks_url(self) -> str:
        return self.oidc_jwks_url_override or f"{self.oidc_issuer}/protocol/openid-connect/certs"
