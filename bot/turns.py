"""One update of a person at a time, in this process and, with REDIS_URL, across instances.

aiogram handles updates concurrently. A person's next message or press could then be handled while their
previous update was still writing its draft: a guided flow that sent its next question, then wrote which
message asks it, wrote back the draft it had read before the answer to that question was saved, and the
answer was lost (a quick reply to /update's first question came back as «skip»). The parents' grade step,
which reads and rewrites its ticks, had its own lock for two quick taps; this covers every update. The
dispatcher holds it from reading the person's state to the handler's last commit (`events_isolation`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import AsyncGenerator

from aiogram.fsm.storage.base import BaseEventIsolation, StorageKey
from redis.asyncio import Redis
from redis.exceptions import LockError, RedisError

log = logging.getLogger(__name__)

# Longer than an update takes (a few database writes and answers; an export of a few seconds): a crashed
# holder frees a person after this, and a turn still held after it is not waited for any longer.
HOLD_SECONDS = 30.0


class Turns(BaseEventIsolation):
    def __init__(self, redis: Redis | None = None, prefix: str = "") -> None:
        self._redis = redis
        self._prefix = prefix
        self._local: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    @contextlib.asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        name = f"{key.bot_id}:{key.chat_id}:{key.user_id}:{key.thread_id or 0}"
        # Weak values: a person's lock lives while one of their updates holds or awaits it, not for ever.
        local = self._local.get(name)
        if local is None:
            local = self._local[name] = asyncio.Lock()
        async with local:
            if self._redis is None:
                yield
                return
            shared = self._redis.lock(
                f"{self._prefix}turn:{name}", timeout=HOLD_SECONDS, blocking_timeout=HOLD_SECONDS
            )
            try:
                held = await shared.acquire()
            except RedisError:
                # Redis away: the update still goes through, in turn within this process only.
                log.warning("turns: Redis unavailable, this process's lock only")
                held = False
            try:
                yield
            finally:
                if held:
                    with contextlib.suppress(LockError, RedisError):
                        await shared.release()

    async def close(self) -> None:
        # The Redis client belongs to the factory's shutdown hook.
        return None
