"""The sender service (placeholder until the delivery work lands)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.outgoing import OutgoingLimiter


class BroadcastSender:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        clock: Clock,
        i18n: I18n,
        limiter: OutgoingLimiter,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._clock = clock
        self._i18n = i18n
        self._limiter = limiter

    async def start(self, bot: Bot) -> None:
        """Begin draining the outbox in a background task (resuming whatever a crash left pending)."""

    async def stop(self) -> None:
        """Finish the sends in flight, record them, and stop."""

    def wake(self) -> None:
        """A post became due or was confirmed: look at the outbox now rather than at the next tick."""
