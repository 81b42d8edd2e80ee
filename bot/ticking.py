"""A background service that looks at the calendar every `tick` seconds, or at once when woken.

The weekly digest and the event notifier share this loop; each says what one look does in `run_once`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime

from aiogram import Bot
from aiogram.utils.i18n import I18n

from bot.clock import Clock

log = logging.getLogger(__name__)


class TickingService:
    tick = 60.0
    """Seconds between looks at the calendar when nobody wakes the service."""
    name = "ticking-service"

    def __init__(self, clock: Clock, i18n: I18n, bot: Bot | None = None) -> None:
        self._clock = clock
        self._i18n = i18n
        self._bot = bot
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self, bot: Bot) -> None:
        self._bot = bot
        # The task copies the current context: with it, gettext finds the catalogs.
        with self._i18n.context():
            self._task = asyncio.create_task(self._run(), name=self.name)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def wake(self) -> None:
        """Look now rather than at the next tick."""
        self._wake.set()

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                await self.run_once(self._clock.now())
            except Exception:
                # One bad look (the database away for a moment) must not end the service.
                log.exception("%s: a step failed; trying again at the next tick", self.name)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.tick)

    async def run_once(self, now: datetime) -> int:
        raise NotImplementedError
