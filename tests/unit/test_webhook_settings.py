"""WEBHOOK_URL needs WEBHOOK_SECRET (Telegram's secret token), an https URL with a path, and host:port
listens; polling needs none of them."""

from __future__ import annotations

import pytest

from bot.settings import Settings, SettingsError, load_settings

pytestmark = pytest.mark.no_database

TOKEN = "123456789:TEST-emulator-token-0000000000000"


def _load(**fields: object) -> Settings:
    return load_settings(_env_file=None, bot_token=TOKEN, **fields)


def test_polling_needs_no_webhook_settings() -> None:
    settings = _load()
    assert settings.webhook_url is None and settings.webhook_secret is None
    assert settings.webhook_listen == "0.0.0.0:8080" and settings.metrics_listen is None


def test_a_webhook_without_its_secret_is_refused_in_one_line() -> None:
    with pytest.raises(SettingsError, match=r"^WEBHOOK_SECRET is invalid: is required with WEBHOOK_URL"):
        _load(webhook_url="https://bot.example.kz/telegram")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("webhook_url", "http://bot.example.kz/telegram"),
        ("webhook_secret", "has spaces in it"),
        ("webhook_listen", "8080"),
        ("metrics_listen", "0.0.0.0:http"),
    ],
)
def test_malformed_webhook_settings_are_refused(field: str, value: str) -> None:
    fields = {"webhook_url": "https://bot.example.kz/telegram", "webhook_secret": "s3cret", field: value}
    with pytest.raises(SettingsError, match=rf"^{field.upper()} is invalid"):
        _load(**fields)


def test_a_webhook_with_its_secret_is_taken() -> None:
    settings = _load(
        webhook_url="https://bot.example.kz/telegram", webhook_secret="s3cret-_X", metrics_listen=""
    )
    assert settings.webhook_secret is not None and settings.webhook_secret.get_secret_value() == "s3cret-_X"
