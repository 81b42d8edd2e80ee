"""Flood control modelled as token buckets: a global one and one per chat."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypedDict, Unpack


class Limits(TypedDict, total=False):
    """Flood limits by name, for set_limits: a number, or None for no limit; one left out stays as it is."""

    global_rate: float | None
    global_burst: float | None
    chat_rate: float | None
    chat_burst: float | None
    paid_rate: float | None
    paid_burst: float | None


@dataclass
class TokenBucket:
    rate: float
    burst: float
    tokens: float
    updated: float

    def refill(self, now: float) -> None:
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def wait_for(self, cost: int) -> float:
        # A batch bigger than the burst (a 10-photo album in a chat with burst 3) is allowed
        # once the bucket is full and leaves it in debt, instead of never fitting.
        needed = min(cost, self.burst)
        return 0.0 if self.tokens >= needed else (needed - self.tokens) / self.rate


@dataclass
class RateLimiter:
    global_rate: float | None = 30
    global_burst: float | None = 30
    chat_rate: float | None = 1
    chat_burst: float | None = 3
    # Sends with allow_paid_broadcast count against this ceiling instead of the global one (1/s per chat
    # still holds): Telegram lets a bot with paid broadcasts enabled send up to 1000 such messages a second.
    paid_rate: float | None = 1000
    paid_burst: float | None = 1000
    clock: Callable[[], float] = time.monotonic
    # "global", "paid" and one per chat id, made full at first use.
    _buckets: dict[str | int, TokenBucket] = field(default_factory=dict, init=False)

    def configure(self, **limits: Unpack[Limits]) -> None:
        if unknown := limits.keys() - Limits.__optional_keys__:
            raise TypeError(f"no such limit: {', '.join(sorted(unknown))}")
        for name, value in limits.items():
            setattr(self, name, value)
        self._buckets.clear()

    def _bucket(
        self, key: str | int, rate: float | None, burst: float | None, now: float
    ) -> TokenBucket | None:
        if rate is None:
            return None
        if key not in self._buckets:
            size = burst if burst is not None else max(rate, 1.0)
            self._buckets[key] = TokenBucket(rate=rate, burst=size, tokens=size, updated=now)
        return self._buckets[key]

    def acquire(self, chat_id: int, cost: int = 1, *, paid: bool = False) -> int | None:
        """Take `cost` tokens from the chat's bucket and the global one (the paid one for a paid broadcast),
        or return retry_after (seconds) and take nothing."""
        now = self.clock()
        if paid:
            overall = self._bucket("paid", self.paid_rate, self.paid_burst, now)
        else:
            overall = self._bucket("global", self.global_rate, self.global_burst, now)
        per_chat = self._bucket(chat_id, self.chat_rate, self.chat_burst, now)
        buckets = [b for b in (overall, per_chat) if b is not None]
        for bucket in buckets:
            bucket.refill(now)
        wait = max((bucket.wait_for(cost) for bucket in buckets), default=0.0)
        if wait > 0:
            return max(1, math.ceil(wait))
        for bucket in buckets:
            bucket.tokens -= cost
        return None
