"""Runs the real Dispatcher, built by the production factory, against the loopback emulator."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiogram import Bot, Dispatcher

from app.composition import build_app
from bot.clock import Clock, FrozenClock
from bot.emulator import Emulator
from bot.factory import Overrides
from bot.measures import Catalogue
from bot.outgoing import OutgoingLimiter
from bot.polling_task import InFlight, start_polling_task
from bot.settings import Settings
from tests.support.daytime_clock import shared_daytime_clock
from tests.support.org_tree import add_tree, grant
from tests.support.startup_costs import keep_generic_models, shared_catalogue, shared_content

TOKEN = "123456789:TEST-emulator-token-0000000000000"
ADMIN_ID = 900_001


@dataclass
class RunningApp:
    emu: Emulator
    bot: Bot
    dp: Dispatcher
    settings: Settings
    in_flight: InFlight

    async def idle(self, limit: float = 10.0) -> None:
        """Returns once no update waits in the emulator and none is being handled, twice in a row.

        Only for screens driven by updates: background services (the sender, reminders) are not counted.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        calm = 0
        while calm < 2 and loop.time() < deadline:
            await asyncio.sleep(0.01)
            busy = self.in_flight.count or self.emu.updates.pending
            calm = 0 if busy else calm + 1


@contextlib.asynccontextmanager
async def running_app(
    database_url: str,
    overrides: Overrides | None = None,
    emulator: Emulator | None = None,
    admin_ids: frozenset[int] = frozenset({ADMIN_ID}),
    limiter: OutgoingLimiter | None = None,
    **settings_fields: Any,
) -> AsyncIterator[RunningApp]:
    emu = emulator or Emulator()
    await emu.start()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url=emu.base_url,
        database_url=database_url,
        admin_ids=admin_ids,
        **{"default_locale": "kk", **settings_fields},
    )
    overrides = overrides or Overrides()
    if type(overrides.clock) is Clock:  # the real clock: a test run at night would meet quiet hours
        overrides.clock = shared_daytime_clock()
    if limiter is not None:
        overrides.limiter = limiter
    # Parsed once per test process while content/ is unchanged: what Content.load() and load_catalogue()
    # would return again (tests/support/startup_costs.py).
    overrides.content = overrides.content or shared_content()
    overrides.catalogue = overrides.catalogue or shared_catalogue()
    bot, dp = build_app(settings, overrides)
    in_flight = InFlight()
    in_flight.install(dp)
    polling: asyncio.Task[None] | None = None
    try:
        polling = await start_polling_task(bot, dp, settings, timeout=30)
        yield RunningApp(emu=emu, bot=bot, dp=dp, settings=settings, in_flight=in_flight)
    finally:
        if polling is not None:
            with contextlib.suppress(RuntimeError):
                await dp.stop_polling()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(polling, timeout=10)
        await bot.session.close()
        await emu.stop()
        keep_generic_models()


@contextlib.asynccontextmanager
async def unpaced_app(
    database_url: str,
    now: datetime | Clock,
    catalogue: Catalogue | None = None,
    staff: Iterable[tuple[int, str, str]] = (),
    **settings_fields: Any,
) -> AsyncIterator[RunningApp]:
    """running_app at `now` (a time the clock stays at, or a clock a test moves), with the `catalogue` when
    given, the test organisation tree (tests/support/org_tree.py) in the database and the roles of `staff`
    (user, role, scope) granted. Telegram's per-chat pace (1/s) is off: a conversation of many replies
    would wait it out, and pacing has tests of its own; the HTML and size rules stay in force."""
    clock = FrozenClock(now) if isinstance(now, datetime) else now
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    overrides = Overrides(clock=clock, catalogue=catalogue)
    async with running_app(
        database_url, overrides, emulator=emu, limiter=limiter, **settings_fields
    ) as running:
        await add_tree(running.dp["sessionmaker"])
        for user_id, role, scope in staff:
            await grant(running.dp["sessionmaker"], user_id, role, scope)
        yield running
