"""The bot polling in a background task of the caller's loop: for the sandbox, tests and benchmarks."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot, Dispatcher
from aiogram.types import TelegramObject

from bot.factory import run_polling
from bot.middlewares import Next
from bot.settings import Settings


class InFlight(BaseMiddleware):
    """Counts the updates being handled, so a caller can wait for the bot to be idle rather than for time
    (an update has left the emulator's queue some while before its handler ends)."""

    def __init__(self) -> None:
        self.count = 0

    async def __call__(self, handler: Next, event: TelegramObject, data: dict[str, Any]) -> Any:
        self.count += 1
        try:
            return await handler(event, data)
        finally:
            self.count -= 1

    def install(self, dp: Dispatcher) -> None:
        """First of the update middlewares, so an update counts from the moment its task starts: counted
        last, it was neither queued nor in flight while the middlewares before it (the visit's commit, the
        person's turn) ran, and a caller waiting for the bot to be idle went on too early."""
        others = list(dp.update.outer_middleware)
        for middleware in others:
            dp.update.outer_middleware.unregister(middleware)
        dp.update.outer_middleware(self)
        for middleware in others:
            dp.update.outer_middleware(middleware)


async def start_polling_task(
    bot: Bot,
    dp: Dispatcher,
    settings: Settings,
    *,
    timeout: float,
    after_startup: Callable[[], Awaitable[None]] | None = None,
) -> asyncio.Task[None]:
    """Starts polling and returns its task once start-up (and then `after_startup`) is done.

    A failed start-up raises its own error here; one that takes longer than `timeout` raises TimeoutError."""
    ready = asyncio.Event()

    async def _ready() -> None:
        if after_startup is not None:
            await after_startup()
        ready.set()

    # Registered after the factory's own hook, so the migrations and the organisation tree are there.
    dp.startup.register(_ready)
    polling = asyncio.create_task(run_polling(bot, dp, settings, handle_signals=False, polling_timeout=1))
    waiter = asyncio.create_task(ready.wait())
    done, _ = await asyncio.wait({waiter, polling}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    if polling in done:
        polling.result()
    if waiter not in done:
        waiter.cancel()
        polling.cancel()
        raise TimeoutError(f"the bot did not start within {timeout:.0f} s")
    return polling
