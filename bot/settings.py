"""The one typed settings object; only bot/__main__.py and the sandbox build it from the environment."""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.numbers import ascii_int

OFFICIAL_API_URL = "https://api.telegram.org"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/bot.sqlite3"
TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")

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
    # Broadcasts' share of Telegram's ordinary overall limit (TELEGRAM_RATE), messages per second; a value
    # above it gets the whole limit. Faster sending is paid broadcasts' (PAID_BROADCAST_RATE), never this.
    broadcast_rate: float = Field(default=25.0, gt=0, le=1000)
    # Messages per second of a post an admin marks paid (Telegram's allow_paid_broadcast: up to 1000/s, each
    # message charged in Stars; the bot must have paid broadcasts enabled). 0: off, nobody is offered it.
    paid_broadcast_rate: float = Field(default=0.0, ge=0, le=1000)
    # Telegram's ordinary overall limit for the bot, all chats together ("about 30 messages per second").
    # Only a server without that limit (the loopback emulator of the benchmarks) makes a higher one useful.
    telegram_rate: float = Field(default=28.0, gt=0, le=10000)
    # Updates handled at once; the rest wait their turn in memory. Each holds a database connection only while
    # it reads or writes, and the pool is sized to this, so a burst never waits out the pool's timeout.
    max_concurrent_updates: int = Field(default=40, ge=1, le=1000)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Seconds one try of a crisis reply may take before it is tried again: a hung request to Telegram must not
    # hold a child's answer for aiohttp's default minute.
    crisis_timeout: float = Field(default=10.0, gt=0, le=30)
    # Days a finished post's delivery rows (who got it) are kept; then a periodic job deletes them.
    outbox_retention_days: int = Field(default=DEFAULT_OUTBOX_RETENTION_DAYS, ge=1, le=3650)
    # Seconds a sender's lease on the outbox rows it is sending lasts without renewal: how long a killed
    # instance's unsent rows wait before another instance sends them.
    outbox_lease_seconds: float = Field(default=60.0, ge=0.5, le=3600)
    # This instance's name in the outbox's leases; unique among the instances running at once.
    instance_id: str = Field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}", max_length=64)
    # Webhook mode instead of long polling when set (https://DOMAIN/telegram); its path is the path served.
    webhook_url: str | None = None
    # Telegram's secret_token: every webhook request without it is refused (401). Required with WEBHOOK_URL.
    webhook_secret: SecretStr | None = Field(default=None, validate_default=True)
    # host:port the webhook server listens on; /healthz, /readyz and /metrics are served there too.
    webhook_listen: str = "0.0.0.0:8080"
    # host:port for /healthz, /readyz and /metrics in polling mode; empty: not served.
    metrics_listen: str | None = None

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

    @field_validator("webhook_url")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not value.startswith("https://") or "/" not in value.removeprefix("https://"):
            raise ValueError("must be an https:// URL with a path, e.g. https://bot.example.kz/telegram")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        secret = value.get_secret_value() if value else ""
        if not secret:
            if info.data.get("webhook_url"):
                raise ValueError("is required with WEBHOOK_URL (1-256 characters: A-Z, a-z, 0-9, _ and -)")
            return None
        if not WEBHOOK_SECRET_PATTERN.match(secret):
            raise ValueError("must be 1-256 characters: A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("webhook_listen", "metrics_listen")
    @classmethod
    def _host_port(cls, value: str | None, info: ValidationInfo) -> str | None:
        if not value:
            return "0.0.0.0:8080" if info.field_name == "webhook_listen" else None
        host, _, port = value.rpartition(":")
        number = ascii_int(port)
        if not host or number is None or not 0 <= number <= 65535:
            raise ValueError("expected host:port, e.g. 0.0.0.0:8080")
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
