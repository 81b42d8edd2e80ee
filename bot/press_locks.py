"""One press of a person at a time, where a press reads and rewrites what the previous one kept.

The parents' grade step keeps its ticks in FSM data (bot/flows/grades.py): two quick taps must not both read
the ticks before either writes them. In one process an asyncio lock per person does it; with REDIS_URL
several webhook instances may each take one of the taps, so the lock is also held in Redis.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import AsyncIterator

from redis.asyncio import Redis
from redis.exceptions import LockError, RedisError

log = logging.getLogger(__name__)

# Long enough for one press (a database read and write and one answer); a crashed holder frees it after this.
HOLD_SECONDS = 10.0


class PressLocks:
    def __init__(self, redis: Redis | None = None, prefix: str = "") -> None:
        self._redis = redis
        self._prefix = prefix
        self._local: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    @contextlib.asynccontextmanager
    async def one_at_a_time(self, user_id: int) -> AsyncIterator[None]:
        local = self._local.get(user_id)
        if local is None:
            local = self._local[user_id] = asyncio.Lock()
        async with local:
            if self._redis is None:
                yield
                return
            shared = self._redis.lock(
                f"{self._prefix}press:{user_id}", timeout=HOLD_SECONDS, blocking_timeout=HOLD_SECONDS
            )
            try:
                held = await shared.acquire()
            except RedisError:
                # Redis away: the press still goes through, guarded in this process only.
                log.warning("press lock: Redis unavailable, this process's lock only")
                held = False
            try:
                yield
            finally:
                if held:
                    with contextlib.suppress(LockError, RedisError):
                        await shared.release()
