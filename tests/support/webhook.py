"""Runs the production app in webhook mode on a loopback port, the emulator standing in for Telegram."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, Dispatcher

from app.composition import build_app
from bot.emulator import Emulator
from bot.factory import Overrides
from bot.metrics import Metrics
from bot.settings import Settings
from bot.web.server import serving, webhook_app
from tests.support.app import ADMIN_ID, TOKEN
from tests.support.daytime_clock import shared_daytime_clock

SECRET = "test-webhook-secret_0123456789"
PUBLIC_URL = "https://bot.example.kz/telegram"


@dataclass
class WebhookApp:
    emu: Emulator
    bot: Bot
    dp: Dispatcher
    settings: Settings
    base: str  # http://127.0.0.1:PORT

    @property
    def url(self) -> str:
        return f"{self.base}/telegram"

    @property
    def metrics(self) -> Metrics:
        metrics = self.dp["metrics"]
        assert isinstance(metrics, Metrics)
        return metrics


@contextlib.asynccontextmanager
async def running_webhook_app(
    database_url: str, emu: Emulator, *, dedup_prefix: str | None = None, **settings_fields: Any
) -> AsyncIterator[WebhookApp]:
    """The emulator must be started by the caller (two instances may share it)."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url=emu.base_url,
        database_url=database_url,
        admin_ids=frozenset({ADMIN_ID}),
        webhook_url=PUBLIC_URL,
        webhook_secret=SECRET,
        webhook_listen="127.0.0.1:0",
        **settings_fields,
    )
    bot, dp = build_app(settings, Overrides(clock=shared_daytime_clock()))
    if dedup_prefix is not None:
        dp["deduplicate"].seen.prefix = dedup_prefix
    async with serving(webhook_app(bot, dp, settings), settings.webhook_listen) as runner:
        host, port = runner.addresses[0][:2]
        yield WebhookApp(emu=emu, bot=bot, dp=dp, settings=settings, base=f"http://{host}:{port}")
