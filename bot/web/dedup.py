"""An update Telegram delivers twice (a timeout on its side, a proxy retrying to another instance) is
handled once: the first instance to see an update_id claims it, in Redis when REDIS_URL is set (shared by
all instances), else in the database's seen_updates table on PostgreSQL, else in this process (SQLite runs
one process anyway)."""

from __future__ import annotations

from collections import OrderedDict
from datetime import timedelta
from typing import Any, Protocol

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.metrics import Metrics
from bot.middlewares import Next
from db.repositories.seen_updates import SeenUpdateRepository

# Telegram gives up redelivering an update within a day; keep a claim a little longer.
CLAIM_SECONDS = 26 * 3600
# In one process: enough recent ids to cover any redelivery burst.
MEMORY_CLAIMS = 100_000
# The database's old claims are deleted once in this many claims.
SWEEP_EVERY = 1000


class SeenUpdates(Protocol):
    async def claim(self, bot_id: int, update_id: int) -> bool:
        """True the first time this update is seen, False for a repeat."""
        ...


class RedisSeen:
    def __init__(self, redis: Redis, prefix: str = "seen") -> None:
        self.redis = redis
        self.prefix = prefix

    async def claim(self, bot_id: int, update_id: int) -> bool:
        key = f"{self.prefix}:{bot_id}:{update_id}"
        return bool(await self.redis.set(key, 1, nx=True, ex=CLAIM_SECONDS))


class MemorySeen:
    def __init__(self, size: int = MEMORY_CLAIMS) -> None:
        self._seen: OrderedDict[tuple[int, int], None] = OrderedDict()
        self._size = size

    async def claim(self, bot_id: int, update_id: int) -> bool:
        key = (bot_id, update_id)
        if key in self._seen:
            return False
        self._seen[key] = None
        if len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return True


class DatabaseSeen:
    """Its own short transaction per claim: the claim must be visible to the other instances at once, not
    when the update's handling commits."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessionmaker = sessionmaker
        self._clock = clock
        self._claims = 0

    async def claim(self, bot_id: int, update_id: int) -> bool:
        now = self._clock.now()
        async with self._sessionmaker() as session:
            repo = SeenUpdateRepository(session)
            taken = await repo.claim(bot_id, update_id, now)
            self._claims += 1
            if self._claims % SWEEP_EVERY == 0:
                await repo.forget_older_than(now - timedelta(seconds=CLAIM_SECONDS))
            await session.commit()
        return taken


class DeduplicateMiddleware(BaseMiddleware):
    """The outermost update middleware in webhook mode: a repeat goes no further and is not counted."""

    def __init__(self, seen: SeenUpdates, metrics: Metrics) -> None:
        self.seen = seen
        self._metrics = metrics

    async def __call__(self, handler: Next, event: TelegramObject, data: dict[str, Any]) -> Any:
        if isinstance(event, Update) and not await self.seen.claim(data["bot"].id, event.update_id):
            self._metrics.duplicates.inc()
            return None
        return await handler(event, data)
