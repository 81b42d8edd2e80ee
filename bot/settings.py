"""The one typed settings object; only bot/__main__.py and the sandbox build it from the environment."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.numbers import ascii_int

OFFICIAL_API_URL = "https://api.telegram.org"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/bot.sqlite3"
TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")

Locale = Literal["kk", "ru"]


# Days a finished post's delivery rows are kept (the privacy screen names the figure).
DEFAULT_OUTBOX_RETENTION_DAYS = 90


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr
    telegram_api_url: str = OFFICIAL_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    # Staff drafts (FSM) go to Redis when set, otherwise to the database; either way a restart keeps them.
    redis_url: str | None = None
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    default_locale: Locale = "kk"
    broadcast_rate: float = Field(default=25.0, gt=0, le=1000)
    # Updates handled at once; the rest wait their turn in memory. Each holds a database connection only while
    # it reads or writes, and the pool is sized to this, so a burst never waits out the pool's timeout.
    max_concurrent_updates: int = Field(default=40, ge=1, le=1000)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Seconds one try of a crisis reply may take before it is tried again: a hung request to Telegram must not
    # hold a child's answer for aiohttp's default minute.
    crisis_timeout: float = Field(default=10.0, gt=0, le=30)
    # Days a finished post's delivery rows (who got it) are kept; then a periodic job deletes them.
    outbox_retention_days: int = Field(default=DEFAULT_OUTBOX_RETENTION_DAYS, ge=1, le=3650)

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        if not TOKEN_PATTERN.match(value.get_secret_value()):
            raise ValueError("malformed: expected <digits>:<secret> as given by @BotFather")
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            ids = [ascii_int(p, signed=True) for p in parts]
            if any(i is None for i in ids):
                raise ValueError("expected comma-separated Telegram user ids, e.g. 12345,67890")
            return frozenset(i for i in ids if i is not None)
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("telegram_api_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return value.rstrip("/")

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must be a redis:// (or rediss://, unix://) URL")
        return value

    def sqlite_path(self) -> Path | None:
        """The file behind a SQLite URL, so start-up can create its folder."""
        prefix = "sqlite+aiosqlite:///"
        if not self.database_url.startswith(prefix):
            return None
        rest = self.database_url[len(prefix) :]
        if not rest or rest.startswith(":memory:"):
            return None
        return Path(rest.split("?", 1)[0])


class SettingsError(Exception):
    """A setting is missing or malformed; the message names the variable in one line."""


def load_settings(**overrides: object) -> Settings:
    from pydantic import ValidationError

    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        if first["type"] == "missing":
            raise SettingsError(
                f"{name} is not set: put it in the environment or in .env (see .env.example)"
            ) from None
        reason = first["msg"].removeprefix("Value error, ")
        raise SettingsError(f"{name} is invalid: {reason}") from None
