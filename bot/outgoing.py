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

    min_sleep = 0.005
    """Seconds the drainer sleeps at least once short of tokens: at 1000/s it lets five waiters go per wake-up
    instead of waking the event loop for each token (the rate is the same; the burst absorbs the batch)."""

    def __init__(self, rate: float, burst: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._tokens = burst
        self._stamp = clock()
        self._waiters: list[tuple[int, int, asyncio.Future[None], float]] = []
        self._seq = itertools.count()
        self._drainer: asyncio.Task[None] | None = None

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    def idle(self) -> bool:
        self._refill()
        return not self._waiters and self._tokens >= self.burst

    async def acquire(self, priority: int = Priority.INTERACTIVE, cost: float = 1) -> None:
        """`cost` above 1 (an album counts each of its files) waits for min(cost, burst) tokens and may leave
        the bucket in debt: whatever comes next waits until the debt is paid, as Telegram would make it."""
        self._refill()
        if not self._waiters and self._tokens >= min(cost, self.burst):
            self._tokens -= cost
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (int(priority), next(self._seq), future, cost))
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain())
        await future

    async def _drain(self) -> None:
        while self._waiters:
            self._refill()
            needed = min(self._waiters[0][3], self.burst)
            if self._tokens < needed:
                await asyncio.sleep(max((needed - self._tokens) / self.rate, self.min_sleep))
                continue
            _, _, future, cost = heapq.heappop(self._waiters)
            if future.done():  # its caller was cancelled
                continue
            self._tokens -= cost
            future.set_result(None)


class OutgoingLimiter:
    """Per-chat, broadcast and global buckets, plus a pause that a 429 from Telegram imposes on everyone.

    Only BROADCAST traffic takes the broadcast bucket, so broadcasts never use more than their share of the
    global rate and interactive replies always find room.
    """

    def __init__(
        self,
        global_rate: float = 28.0,
        global_burst: float = 20.0,
        chat_rate: float = 1.0,
        chat_burst: float = 3.0,
        max_idle_chats: int = 10_000,
        broadcast_rate: float | None = None,
        broadcast_burst: float | None = None,
        paid_rate: float | None = None,
        paid_burst: float | None = None,
    ) -> None:
        self.global_bucket = PriorityBucket(global_rate, global_burst)
        self.broadcast_bucket: PriorityBucket | None = None
        if broadcast_rate is not None:
            # A small burst: a broadcast should start at its pace, not spend the global burst at once.
            burst = broadcast_burst if broadcast_burst is not None else max(1.0, broadcast_rate / 10)
            self.broadcast_bucket = PriorityBucket(broadcast_rate, burst)
        # Paid broadcasts (allow_paid_broadcast) have a ceiling of their own at Telegram, apart from the
        # ordinary one: they take this bucket instead of the global one, so they never delay a reply.
        self.paid_bucket: PriorityBucket | None = None
        if paid_rate:
            burst = paid_burst if paid_burst is not None else max(1.0, paid_rate / 10)
            self.paid_bucket = PriorityBucket(paid_rate, burst)
        self._paused_until = 0.0
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

    def pause(self, seconds: float) -> None:
        """Telegram said 429: nothing but crisis replies leaves until `seconds` from now."""
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def paused_for(self) -> float:
        return max(0.0, self._paused_until - time.monotonic())

    async def acquire(
        self,
        chat_id: int | str | None,
        priority: Priority | None = None,
        cost: int = 1,
        *,
        paid: bool = False,
    ) -> None:
        """`cost`: how many messages Telegram counts for this request (each file of an album). `paid`: the
        request carries allow_paid_broadcast, so it takes the paid bucket (if there is one) instead of the
        broadcast share and the global one."""
        await self._take(chat_id, current_priority() if priority is None else priority, cost, paid)

    async def _take(self, chat_id: int | str | None, priority: Priority, cost: int, paid: bool) -> None:
        """Waits for the request's tokens, then for the end of a 429 pause: here, in this process."""
        if chat_id is not None:
            await self._chat(chat_id).acquire(priority, cost)
        if paid and self.paid_bucket is not None:
            await self.paid_bucket.acquire(priority, cost)
        else:
            if priority is Priority.BROADCAST and self.broadcast_bucket is not None:
                await self.broadcast_bucket.acquire(priority, cost)
            await self.global_bucket.acquire(priority, cost)
        # Checked last, after the wait for tokens, so nothing that queued before the 429 slips out during it.
        # The crisis lane is exempt: its own retry middleware waits out a 429 for up to a minute.
        while priority is not Priority.CRISIS and (wait := self.paused_for()) > 0:
            await asyncio.sleep(wait)
