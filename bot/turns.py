"""One update of a person at a time, in this process and, with REDIS_URL, across instances.

aiogram handles updates concurrently. A person's next message or press could then be handled while their
previous update was still writing its draft: a guided flow that sent its next question, then wrote which
message asks it, wrote back the draft it had read before the answer to that question was saved, and the
answer was lost (a quick reply to /update's first question came back as «skip»). The parents' grade step,
which reads and rewrites its ticks, had its own lock for two quick taps; this covers every update. The
FSM middleware below holds it from reading the person's state to the handler's last commit.

Two kinds of update never wait for a turn: a message in crisis (its answer must not wait behind anything),
and one over the flood limit (handlers/flood.py absorbs it; a flood must not fill the bot's update slots
while they wait). A handler that goes on sending for long (a pack of files) ends its turn first (`Turn`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import AsyncGenerator
from typing import Any

from aiogram.fsm.middleware import FSMContextMiddleware
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, StorageKey
from aiogram.types import TelegramObject
from redis.asyncio import Redis
from redis.exceptions import LockError, RedisError

from bot.middlewares import Next
from bot.middlewares.throttling import THROTTLED
from bot.middlewares.triage import AUTHORING, CRISIS, CRISIS_LOCALE

log = logging.getLogger(__name__)

# A crashed holder frees a person after this (Redis), longer than any update takes.
HOLD_SECONDS = 30.0
# How long an update waits for the person's previous one. The races this closes are a few milliseconds
# long; a previous update still running after this is a slow one (a press that waits for a post's row while
# the sender has it, a file being made), and the next goes on beside it rather than leave its button
# spinning: eight quick presses would otherwise be answered one after another, the last many seconds late.
WAIT_SECONDS = 2.0


class Turns(BaseEventIsolation):
    def __init__(self, redis: Redis | None = None, prefix: str = "", wait: float = WAIT_SECONDS) -> None:
        self._redis = redis
        self._prefix = prefix
        self.wait = wait
        self._local: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    @contextlib.asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        name = f"{key.bot_id}:{key.chat_id}:{key.user_id}:{key.thread_id or 0}"
        # Weak values: a person's lock lives while one of their updates holds or awaits it, not for ever.
        local = self._local.get(name)
        if local is None:
            local = self._local[name] = asyncio.Lock()
        try:
            await asyncio.wait_for(local.acquire(), self.wait)
        except TimeoutError:
            log.info("turns: the previous update of a person is still running; this one goes on beside it")
            waited_out = True
        else:
            waited_out = False
        if waited_out:
            yield
            return
        try:
            async with self._shared(name):
                yield
        finally:
            local.release()

    @contextlib.asynccontextmanager
    async def _shared(self, name: str) -> AsyncGenerator[None, None]:
        """The turn across instances; within this process only when there is no Redis or it is away."""
        if self._redis is None:
            yield
            return
        shared = self._redis.lock(
            f"{self._prefix}turn:{name}", timeout=HOLD_SECONDS, blocking_timeout=self.wait
        )
        try:
            held = await shared.acquire()
        except RedisError:
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


class Turn:
    """The person's turn, held by the update being handled; `end` lets their next update in early."""

    def __init__(self, stack: contextlib.AsyncExitStack) -> None:
        self._stack = stack

    async def end(self) -> None:
        await self._stack.aclose()  # once: closing it again, at the update's end, does nothing


class TurnTakingFSM(FSMContextMiddleware):
    """aiogram's FSM context middleware, registered after triage and flood control so it knows which
    updates must not wait (the Dispatcher is built with disable_fsm=True)."""

    def __init__(self, storage: BaseStorage, turns: Turns) -> None:
        super().__init__(storage=storage, events_isolation=turns)

    async def __call__(self, handler: Next, event: TelegramObject, data: dict[str, Any]) -> Any:
        context = self.resolve_event_context(data["bot"], data)
        data["fsm_storage"] = self.storage
        if context is None:
            return await handler(event, data)
        if data.get(CRISIS) or data.get(THROTTLED):
            state = await context.get_state()
            if data.get(CRISIS) and AUTHORING in (state or ""):
                # Staff writing a notice about suicide prevention are not in crisis: their text is the
                # notice itself, in its turn.
                for key in (CRISIS, CRISIS_LOCALE):
                    data.pop(key, None)
            else:
                data.update({"state": context, "raw_state": state})
                return await handler(event, data)
        async with contextlib.AsyncExitStack() as stack:
            await stack.enter_async_context(self.events_isolation.lock(key=context.key))
            data.update({"state": context, "raw_state": await context.get_state(), "turn": Turn(stack)})
            return await handler(event, data)
