"""Pending updates and getUpdates long polling with Telegram's offset semantics."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from .errors import ApiError

# Telegram leaves these out unless a bot asks for them explicitly.
_OPT_IN_TYPES = {"chat_member", "message_reaction", "message_reaction_count"}
_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)


class UpdateQueue:
    def __init__(self, first_update_id: int = 1) -> None:
        self._pending: list[dict[str, Any]] = []
        self._next_id = first_update_id
        self._changed = asyncio.Event()
        self._generation = 0
        self._closed = False
        self.allowed_updates: list[str] | None = None

    @property
    def pending(self) -> list[dict[str, Any]]:
        return list(self._pending)

    def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": self._next_id, kind: payload}
        self._next_id += 1
        self._pending.append(update)
        self._wake()
        return update

    def forget(self, update_id: int) -> None:
        """A webhook delivery was answered: the update is not delivered again."""
        self._pending = [u for u in self._pending if u["update_id"] != update_id]

    def drop_all(self) -> None:
        self._pending.clear()

    def reopen(self) -> None:
        self._closed = False

    def close(self) -> None:
        """Release every waiting getUpdates so the server can stop promptly."""
        self._closed = True
        self._wake()

    def _wake(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def _confirm(self, offset: int) -> None:
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            # A negative offset keeps the last -offset updates and forgets the rest.
            self._pending = self._pending[offset:]

    def _wanted(self, update: dict[str, Any]) -> bool:
        kind = next(key for key in update if key != "update_id")
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in _OPT_IN_TYPES

    async def fetch(
        self, offset: int, limit: int, timeout: float, allowed_updates: list[str] | None
    ) -> list[dict[str, Any]]:
        if allowed_updates is not None:
            self.allowed_updates = allowed_updates
        self._confirm(offset)
        self._generation += 1
        generation = self._generation
        self._wake()  # tells an older long poll that it has been superseded
        deadline = time.monotonic() + timeout
        while True:
            if generation != self._generation:
                raise ApiError(409, _CONFLICT)
            # Updates of types the bot did not subscribe to are dropped, never delivered later.
            self._pending = [u for u in self._pending if self._wanted(u)]
            remaining = deadline - time.monotonic()
            if self._pending or remaining <= 0 or self._closed:
                return self._pending[:limit]
            changed = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), remaining)
