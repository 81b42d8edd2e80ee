"""Runs the real Dispatcher, built by the production factory, against the loopback emulator."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from aiogram import Bot, Dispatcher

from bot.emulator import Emulator
from bot.factory import Overrides, build_app
from bot.outgoing import OutgoingLimiter
from bot.settings import Settings

TOKEN = "123456789:TEST-emulator-token-0000000000000"
ADMIN_ID = 900_001


@dataclass
class RunningApp:
    emu: Emulator
    bot: Bot
    dp: Dispatcher
    settings: Settings


@contextlib.asynccontextmanager
async def running_app(
    database_url: str,
    overrides: Overrides | None = None,
    emulator: Emulator | None = None,
    admin_ids: frozenset[int] = frozenset({ADMIN_ID}),
    limiter: OutgoingLimiter | None = None,
) -> AsyncIterator[RunningApp]:
    emu = emulator or Emulator()
    await emu.start()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url=emu.base_url,
        database_url=database_url,
        admin_ids=admin_ids,
        default_locale="kk",
    )
    overrides = overrides or Overrides()
    if limiter is not None:
        overrides.limiter = limiter
    bot, dp = build_app(settings, overrides)
    ready = asyncio.Event()

    async def _ready() -> None:
        ready.set()

    dp.startup.register(_ready)
    polling = asyncio.create_task(
        dp.start_polling(
            bot, handle_signals=False, polling_timeout=1, allowed_updates=dp.resolve_used_update_types()
        )
    )
    try:
        waiter = asyncio.create_task(ready.wait())
        done, _ = await asyncio.wait({waiter, polling}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
        if polling in done:
            polling.result()  # start-up failed: raise its error here
        if waiter not in done:
            raise TimeoutError("the bot did not start within 30 s")
        yield RunningApp(emu=emu, bot=bot, dp=dp, settings=settings)
    finally:
        with contextlib.suppress(RuntimeError):
            await dp.stop_polling()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(polling, timeout=10)
        await bot.session.close()
        await emu.stop()
