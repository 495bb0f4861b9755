"""The one settings object. Built once (environment variables with the ``TITIAN_`` prefix, or a
``.env`` file) and passed in; nothing reads the environment anywhere else.

Every field is documented in ``docs/settings.md``; ``tests/unit/test_settings_documented.py`` fails
when one is not.
"""

from __future__ import annotations

import base64
import secrets
from pathlib import Path

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET_PREFIX = "dev-insecure-"  # noqa: S105 (a marker, not a secret)
DEV_ENCRYPTION_KEY_ID = "dev"


def _dev_secret_file(path: Path) -> str:
    """A development secret kept in a file so every process (server, CLI) uses the same one."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = DEV_SECRET_PREFIX + secrets.token_urlsafe(32)
    path.write_text(value, encoding="utf-8")
    path.chmod(0o600)
    return value


def _dev_encryption_key_file(path: Path) -> bytes:
    """A development field-encryption key kept in a file (mode 600), like the dev secret, so the
    server and the command line decrypt the same data."""
    if path.exists():
        raw = base64.urlsafe_b64decode(path.read_text(encoding="utf-8").strip())
        if len(raw) != 32:
            raise ValueError(f"{path}: the development encryption key must be 32 bytes")
        return raw
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = secrets.token_bytes(32)
    path.write_text(base64.urlsafe_b64encode(raw).decode("ascii"), encoding="utf-8")
    path.chmod(0o600)
    return raw


class Settings(BaseSettings):
    """Titian's configuration."""

    model_config = SettingsConfigDict(env_prefix="TITIAN_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///./titian.db",
        description="SQLAlchemy URL: SQLite file by default, postgresql+psycopg://… in production",
    )
    secret_key: SecretStr = Field(
        default=SecretStr(""),
        description=(
            "Keys the audit hash chain and other signatures. Required in production; in "
            "development a random one is created once in DATA_DIR/dev-secret-key and reused."
        ),
    )
    encryption_keys: str = Field(
        default="",
        description=(
            "Field-encryption keys, comma-separated 'id:base64key' (32-byte AES-256-GCM keys). "
            "The first is used to encrypt; all are tried to decrypt (rotation)."
        ),
    )
    default_locale: str = Field(default="en", description="Fallback locale of the interface.")
    default_country: str = Field(default="TH", description="Country used when none is chosen.")
    environment: str = Field(default="development", description="development | test | production.")
    base_url: str = Field(default="http://127.0.0.1:8000", description="Public address.")
    session_cookie_name: str = Field(default="titian_session", description="Web session cookie.")
    session_hours: int = Field(default=8, ge=1, description="Hours a web session lasts.")
    cookie_secure: bool = Field(
        default=False, description="Send cookies over HTTPS only. True in production."
    )
    api_token_days: int = Field(default=30, ge=1, description="Days an API token lasts.")
    login_max_failures: int = Field(
        default=5, ge=1, description="Failed logins allowed per username or address in the window."
    )
    login_window_minutes: int = Field(
        default=15, ge=1, description="Window over which failed logins are counted."
    )
    quick_exit_url: str = Field(
        default="https://www.google.com/search?q=weather",
        description="Neutral site the quick-exit button leaves for.",
    )
    small_cell_threshold: int = Field(
        default=11, ge=2, description="Disclosure control: smallest count that may be published."
    )
    data_dir: Path = Field(
        default=Path("var"), description="Where snapshots, exports and releases are written."
    )
    log_level: str = Field(default="INFO", description="Python logging level.")

    @model_validator(mode="after")
    def _resolve_secret(self) -> Settings:
        if self.secret_key.get_secret_value():
            return self
        if self.environment == "production":
            raise ValueError("TITIAN_SECRET_KEY must be set in production")
        self.secret_key = SecretStr(_dev_secret_file(self.data_dir / "dev-secret-key"))
        return self

    @field_validator("environment")
    @classmethod
    def _known_environment(cls, value: str) -> str:
        if value not in {"development", "test", "production"}:
            raise ValueError("must be development, test or production")
        return value

    def parsed_encryption_keys(self) -> list[tuple[str, bytes]]:
        """The keys as (id, 32 bytes), first one active. Raises ValueError naming a bad entry.

        In development and tests, when none is set, one development key (id ``dev``) is created
        once in ``DATA_DIR/dev-encryption-key`` and reused; production gets no such fallback."""
        keys: list[tuple[str, bytes]] = []
        for entry in filter(None, (e.strip() for e in self.encryption_keys.split(","))):
            key_id, _, encoded = entry.partition(":")
            try:
                raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            except ValueError:
                raw = b""
            if not key_id or len(raw) != 32:
                raise ValueError(
                    f"TITIAN_ENCRYPTION_KEYS entry {key_id!r}: need id:base64(32 bytes)"
                )
            keys.append((key_id, raw))
        if not keys and self.environment != "production":
            dev_key = _dev_encryption_key_file(self.data_dir / "dev-encryption-key")
            keys.append((DEV_ENCRYPTION_KEY_ID, dev_key))
        return keys

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def check_production(self) -> list[str]:
        """Problems that make this configuration unfit for production."""
        problems = []
        if self.secret_key.get_secret_value().startswith(DEV_SECRET_PREFIX):
            problems.append("TITIAN_SECRET_KEY is not set")
        if not self.encryption_keys:
            problems.append("TITIAN_ENCRYPTION_KEYS is not set")
        if not self.cookie_secure:
            problems.append("TITIAN_COOKIE_SECURE should be true behind HTTPS")
        return problems
