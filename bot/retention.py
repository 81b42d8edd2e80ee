"""Deletes what is kept only for a while: the delivery rows of posts finished longer ago than
OUTBOX_RETENTION_DAYS (who received which post). Runs hourly beside the other services."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from aiogram import Bot
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.ticking import TickingService
from db.repositories.erasure import ErasureRepository

log = logging.getLogger(__name__)


class RetentionService(TickingService):
    name = "retention"
    tick = 3600.0

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        clock: Clock,
        i18n: I18n,
        outbox_days: int,
        bot: Bot | None = None,
    ) -> None:
        super().__init__(clock, i18n, bot)
        self._sessionmaker = sessionmaker
        self.outbox_days = outbox_days

    async def run_once(self, now: datetime) -> int:
        """Deletes the delivery rows past their time; returns how many."""
        async with self._sessionmaker() as session:
            pruned = await ErasureRepository(session).prune_outbox(now - timedelta(days=self.outbox_days))
            await session.commit()
        if pruned:
            log.info("retention: %d delivery rows older than %d days deleted", pruned, self.outbox_days)
        return pruned
