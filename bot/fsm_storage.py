"""Where staff drafts (aiogram FSM state and data) live: the database, or Redis when REDIS_URL is set.

Memory storage lost every half-written notice on a restart; with these the next message after a restart
continues at the same step.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.middlewares.db_session import current_session
from db.repositories.fsm import FsmKey, FsmRepository


def _key(key: StorageKey) -> FsmKey:
    return FsmKey(
        bot_id=key.bot_id,
        chat_id=key.chat_id,
        user_id=key.user_id,
        thread_id=key.thread_id or 0,
        business_connection_id=key.business_connection_id or "",
        destiny=key.destiny,
    )


class DatabaseStorage(BaseStorage):
    """FSM storage on the project's sessionmaker.

    Inside an update it reads and writes through that update's session, so the session middleware's commit
    (before the next prompt is sent, and after the handler) makes the step and the handler's own rows durable
    together. A short session of its own would be a second writer while the update holds SQLite's one write
    lock, and would wait out the lock's timeout. Outside an update (aiogram reads the state before the session
    middleware runs) it uses a short session of its own.

    aiogram reads the state of every update, a crisis message or a parent's button included; most people
    never have a draft. With `remember_empty`, a key found empty is remembered, so their updates do not wait
    on the database for it again. That holds only while this process is the only writer (one bot polls;
    Telegram gives updates to one poller): a key is asked for again once it has been written here, and never
    remembered as empty after that. In webhook mode several instances may share the database, and a draft
    begun on one must be found by the next message, whichever instance takes it: nothing is remembered.
    """

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        update_session: Callable[[], AsyncSession | None] = current_session,
        *,
        remember_empty: bool = True,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._update_session = update_session
        self._remember_empty = remember_empty
        self._empty: set[FsmKey] = set()
        self._written: set[FsmKey] = set()

    async def _read(self, key: StorageKey) -> tuple[str | None, dict[str, Any]]:
        fsm_key = _key(key)
        if fsm_key in self._empty:
            return None, {}
        session = self._update_session()
        if session is not None:
            found = await FsmRepository(session).get(fsm_key)
        else:
            async with self._sessionmaker() as own:
                found = await FsmRepository(own).get(fsm_key)
        # Checked after the read: a write (not yet committed) may have come while it waited.
        if self._remember_empty and found == (None, {}) and fsm_key not in self._written:
            self._empty.add(fsm_key)
        return found

    async def _write(self, key: StorageKey, state: str | None, data: dict[str, Any]) -> None:
        self._written.add(_key(key))
        self._empty.discard(_key(key))
        session = self._update_session()
        if session is not None:
            await FsmRepository(session).put(_key(key), state, data)
            return
        async with self._sessionmaker() as own:
            await FsmRepository(own).put(_key(key), state, data)
            await own.commit()

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        _, data = await self._read(key)
        await self._write(key, state.state if isinstance(state, State) else state, data)

    async def get_state(self, key: StorageKey) -> str | None:
        state, _ = await self._read(key)
        return state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        state, _ = await self._read(key)
        # A round trip through JSON here, not at commit, so a value JSON cannot keep fails in the handler
        # that stored it, and what is read back within the update is what a restart would read.
        await self._write(key, state, json.loads(json.dumps(dict(data))))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        _, data = await self._read(key)
        return data

    async def close(self) -> None:
        # The engine belongs to the dispatcher's shutdown hook.
        return None


class SharedRedisStorage(RedisStorage):
    """aiogram's RedisStorage on the dispatcher's one Redis client, which flood control, update
    de-duplication and /readyz share. aiogram closes the storage first thing at shutdown, while the sender
    and the digest still run; the client is closed by the factory's shutdown hook after them instead."""

    async def close(self) -> None:
        return None


def build_storage(
    redis: Redis | None, sessionmaker: async_sessionmaker[AsyncSession], *, only_instance: bool
) -> BaseStorage:
    """`only_instance`: this process is the bot's one reader of updates (long polling)."""
    if redis is not None:
        # Every part of the key, as the database storage keeps it: two bots on one Redis never share drafts.
        builder = DefaultKeyBuilder(with_bot_id=True, with_business_connection_id=True, with_destiny=True)
        return SharedRedisStorage(redis, key_builder=builder)
    return DatabaseStorage(sessionmaker, remember_empty=only_instance)
