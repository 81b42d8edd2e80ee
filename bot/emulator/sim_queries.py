"""Callback and inline queries: users press or type, then wait for the bot's answer."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from .state import PendingQuery

if TYPE_CHECKING:
    from .emulator import Emulator

ANSWER_TIMEOUT = 5.0


def open_query(emu: Emulator, kind: str, payload_kind: str, payload: dict[str, Any]) -> PendingQuery:
    query_id = str(secrets.randbelow(9 * 10**18) + 10**18)
    future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
    query = PendingQuery(query_id, kind, time.monotonic(), future, {"id": query_id, **payload})
    emu.world.queries[query_id] = query
    emu.updates.push(payload_kind, query.payload)
    return query


class CallbackAnswer:
    """Awaitable answer to a button press: the answerCallbackQuery arguments as a dict."""

    def __init__(self, query: PendingQuery, timeout: float = ANSWER_TIMEOUT) -> None:
        self.query = query
        self.timeout = timeout

    @property
    def id(self) -> str:
        return self.query.id

    @property
    def data(self) -> str | None:
        return self.query.payload.get("data")

    @property
    def answered(self) -> bool:
        return self.query.future.done()

    @property
    def result(self) -> dict[str, Any] | None:
        return self.query.future.result() if self.answered else None

    async def wait(self, timeout: float | None = None) -> dict[str, Any]:
        limit = self.timeout if timeout is None else timeout
        try:
            return await asyncio.wait_for(asyncio.shield(self.query.future), limit)
        except TimeoutError:
            raise AssertionError(
                f"the bot did not answer callback query {self.id} (data={self.data!r}) within {limit}s; "
                "every callback needs answerCallbackQuery or the user's button keeps spinning"
            ) from None

    def __await__(self) -> Generator[Any, None, dict[str, Any]]:
        return self.wait().__await__()
