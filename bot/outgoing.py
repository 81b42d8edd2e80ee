"""Paces everything the bot sends to Telegram's limits, most urgent first.

One limiter serves the whole bot: a global token bucket and one per chat. Waiters are served by priority,
so a crisis reply overtakes ordinary replies and ordinary replies overtake broadcasts.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import heapq
import itertools
import time
from collections.abc import Callable, Iterator
from enum import IntEnum


class Priority(IntEnum):
    CRISIS = 0
    INTERACTIVE = 1
    BROADCAST = 2


_current = contextvars.ContextVar("send_priority", default=Priority.INTERACTIVE)


@contextlib.contextmanager
def send_priority(priority: Priority) -> Iterator[None]:
    """Everything sent inside this block (in this task) is paced at the given priority."""
    token = _current.set(priority)
    try:
        yield
    finally:
        _current.reset(token)


def current_priority() -> Priority:
    return _current.get()


class PriorityBucket:
    """A token bucket whose waiters queue by priority, then by arrival."""

    def __init__(self, rate: float, burst: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._tokens = burst
        self._stamp = clock()
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()
        self._drainer: asyncio.Task[None] | None = None

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    def idle(self) -> bool:
        self._refill()
        return not self._waiters and self._tokens >= self.burst

    async def acquire(self, priority: int = Priority.INTERACTIVE) -> None:
        self._refill()
        if not self._waiters and self._tokens >= 1:
            self._tokens -= 1
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (int(priority), next(self._seq), future))
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain())
        await future

    async def _drain(self) -> None:
        while self._waiters:
            self._refill()
            if self._tokens < 1:
                await asyncio.sleep((1 - self._tokens) / self.rate)
                continue
            _, _, future = heapq.heappop(self._waiters)
            if future.done():  # its caller was cancelled
                continue
            self._tokens -= 1
            future.set_result(None)


class OutgoingLimiter:
    def __init__(
        self,
        global_rate: float = 28.0,
        global_burst: float = 20.0,
        chat_rate: float = 1.0,
        chat_burst: float = 3.0,
        max_idle_chats: int = 10_000,
    ) -> None:
        self.global_bucket = PriorityBucket(global_rate, global_burst)
        self._chat_rate = chat_rate
        self._chat_burst = chat_burst
        self._chats: dict[int | str, PriorityBucket] = {}
        self._max_idle_chats = max_idle_chats

    def _chat(self, chat_id: int | str) -> PriorityBucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            if len(self._chats) >= self._max_idle_chats:
                self._prune()
            bucket = self._chats[chat_id] = PriorityBucket(self._chat_rate, self._chat_burst)
        return bucket

    def _prune(self) -> None:
        for chat_id in [c for c, b in self._chats.items() if b.idle()]:
            del self._chats[chat_id]

    async def acquire(self, chat_id: int | str | None, priority: Priority | None = None) -> None:
        priority = current_priority() if priority is None else priority
        if chat_id is not None:
            await self._chat(chat_id).acquire(priority)
        await self.global_bucket.acquire(priority)
