"""Wires the operations side into a dispatcher: its Metrics, the update counters and, in webhook mode, the
update_id de-duplication. Called by bot/factory.py before any other update middleware, so both see every
update first."""

from __future__ import annotations

from aiogram import Dispatcher
from aiogram.fsm.storage.redis import RedisStorage
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.metrics import Metrics
from bot.middlewares.metrics import UpdateMetricsMiddleware
from bot.settings import Settings
from bot.web.dedup import DatabaseSeen, DeduplicateMiddleware, MemorySeen, RedisSeen, SeenUpdates
from bot.web.ops import Operations


def install_operations(
    dp: Dispatcher,
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: Clock,
    metrics: Metrics,
) -> Metrics:
    """`metrics` is made before the dispatcher: the services built first count into it too."""
    # The dispatcher's Redis client (bot/factory.py), which the drafts' storage holds.
    redis = dp.storage.redis if isinstance(dp.storage, RedisStorage) else None
    if settings.webhook_url:
        seen: SeenUpdates
        if redis is not None:
            seen = RedisSeen(redis)
        elif settings.database_url.startswith("sqlite"):
            seen = MemorySeen()  # SQLite: one process (bot/single_instance.py)
        else:
            seen = DatabaseSeen(sessionmaker, clock)
        dedup = DeduplicateMiddleware(seen, metrics)
        dp.update.outer_middleware(dedup)
        dp["deduplicate"] = dedup
    dp.update.outer_middleware(UpdateMetricsMiddleware(metrics))
    dp["metrics"] = metrics
    dp["operations"] = Operations(sessionmaker, redis, metrics, clock)
    return metrics
