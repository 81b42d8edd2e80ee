"""Runs of the bot one after another on the same database and chats, as when it restarts, at a frozen time."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import datetime

from bot.clock import KZ, FrozenClock
from bot.emulator import Emulator
from bot.factory import Overrides
from bot.measures import Catalogue
from bot.outgoing import OutgoingLimiter
from tests.support.app import RunningApp, running_app

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=KZ)  # a Wednesday morning in December: no quiet hours


@contextlib.asynccontextmanager
async def bot_process(
    database_url: str, emu: Emulator, catalogue: Catalogue | None = None
) -> AsyncIterator[RunningApp]:
    """One run of the bot: a new Dispatcher and Bot (nothing kept in memory), same database and chats."""
    overrides = Overrides(clock=FrozenClock(NOW), catalogue=catalogue)
    # Conversations of a dozen replies would wait out Telegram's per-chat pace; pacing has tests of its own.
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    async with running_app(database_url, overrides, emulator=emu, limiter=limiter) as app:
        yield app
        await app.idle()  # the step in hand is finished, as on a graceful restart


def quiet_emulator() -> Emulator:
    """Telegram without its per-chat pace, to be kept across the runs of `bot_process`."""
    return Emulator(chat_rate=None)
