"""Per-user flood control: a sliding window, so one flooding user never slows anyone else.

In memory for one process; bot/shared_limits.py keeps the same window in Redis for several instances."""

from __future__ import annotations

import time
from collections import deque
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from bot.middlewares import Next
from bot.middlewares.triage import CRISIS_LOCALE

THROTTLED = "throttled"


class FloodControl:
    """Counts updates per user; the first update over the limit is flagged so the user is told once."""

    def __init__(self, limit: int = 20, window: float = 10.0, max_users: int = 100_000) -> None:
        self.limit = limit
        self.window = window
        self._max_users = max_users
        self._hits: dict[int, deque[float]] = {}
        self._warned: set[int] = set()

    def check(self, user_id: int, now: float | None = None) -> str:
        """Returns "ok", "warn" (first rejected update) or "drop"."""
        now = time.monotonic() if now is None else now
        hits = self._hits.get(user_id)
        if hits is None:
            if len(self._hits) >= self._max_users:
                self._forget_idle(now)
            hits = self._hits[user_id] = deque()
        while hits and now - hits[0] > self.window:
            hits.popleft()
        if len(hits) < self.limit:
            hits.append(now)
            self._warned.discard(user_id)
            return "ok"
        if user_id in self._warned:
            return "drop"
        self._warned.add(user_id)
        return "warn"

    async def verdict(self, user_id: int) -> str:
        """check() now; the Redis one asks the window that all instances share."""
        return self.check(user_id)

    def _forget_idle(self, now: float) -> None:
        idle = [uid for uid, h in self._hits.items() if not h or now - h[-1] > self.window]
        for uid in idle:
            del self._hits[uid]
            self._warned.discard(uid)


class ThrottlingMiddleware(BaseMiddleware):
    """Marks updates over the limit; handlers/flood.py tells the user once and quietly absorbs the rest."""

    def __init__(self, flood: FloodControl) -> None:
        self._flood = flood

    async def __call__(self, handler: Next, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        # A message in crisis is always answered, however many came before it.
        if user is not None and not data.get(CRISIS_LOCALE):
            verdict = await self._flood.verdict(user.id)
            if verdict != "ok":
                data[THROTTLED] = verdict
        return await handler(event, data)
