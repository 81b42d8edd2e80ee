"""The FSM storages: drafts by aiogram's full key, JSON only, written with the update's own transaction."""

from __future__ import annotations

import asyncio
import socket
from datetime import UTC, datetime

import pytest
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from pydantic import ValidationError
from redis.asyncio import Redis
from sqlalchemy import select

from bot.fsm_storage import DatabaseStorage, build_storage
from bot.settings import Settings
from db.engine import create_engine, create_sessionmaker
from db.migrate import upgrade_to_head
from db.models import User

KEY = StorageKey(bot_id=1, chat_id=10, user_id=10)
TOKEN = "123456789:AAF-good-token-with-enough-chars"


class Draft(StatesGroup):
    text = State()


@pytest.fixture
async def sessionmaker(database_url: str):
    engine = create_engine(database_url)
    await upgrade_to_head(engine)
    try:
        yield create_sessionmaker(engine)
    finally:
        await engine.dispose()


async def test_state_and_data_round_trip_and_clear_removes_the_draft(sessionmaker) -> None:
    storage = DatabaseStorage(sessionmaker, update_session=lambda: None)
    assert await storage.get_state(KEY) is None and await storage.get_data(KEY) == {}
    await storage.set_state(KEY, Draft.text)
    await storage.update_data(KEY, {"draft_key": "ab12", "grades": ["5", "7"], "orgs": None})
    await storage.update_data(KEY, {"figures": {"participants": 120}})
    # A second storage on the same database: what a restarted process reads.
    again = DatabaseStorage(sessionmaker, update_session=lambda: None)
    assert await again.get_state(KEY) == "Draft:text"
    assert await again.get_data(KEY) == {
        "draft_key": "ab12",
        "grades": ["5", "7"],
        "orgs": None,
        "figures": {"participants": 120},
    }
    await again.set_state(KEY, None)
    await again.set_data(KEY, {})
    assert await storage.get_state(KEY) is None and await storage.get_data(KEY) == {}


async def test_every_part_of_the_key_keeps_its_own_draft(sessionmaker) -> None:
    storage = DatabaseStorage(sessionmaker, update_session=lambda: None)
    keys = [
        KEY,
        StorageKey(bot_id=2, chat_id=10, user_id=10),
        StorageKey(bot_id=1, chat_id=11, user_id=10),
        StorageKey(bot_id=1, chat_id=10, user_id=11),
        StorageKey(bot_id=1, chat_id=10, user_id=10, thread_id=5),
        StorageKey(bot_id=1, chat_id=10, user_id=10, business_connection_id="bc"),
        StorageKey(bot_id=1, chat_id=10, user_id=10, destiny="scene"),
    ]
    for number, key in enumerate(keys):
        await storage.set_state(key, f"S:{number}")
        await storage.set_data(key, {"n": number})
    for number, key in enumerate(keys):
        assert (await storage.get_state(key), await storage.get_data(key)) == (f"S:{number}", {"n": number})


async def test_a_value_json_cannot_keep_fails_where_it_is_stored(sessionmaker) -> None:
    storage = DatabaseStorage(sessionmaker, update_session=lambda: None)
    with pytest.raises(TypeError):
        await storage.set_data(KEY, {"when": datetime(2026, 12, 2, tzinfo=UTC)})


async def test_inside_an_update_the_draft_joins_its_transaction(sessionmaker) -> None:
    async with sessionmaker() as update:
        # The handler has written already: on SQLite its transaction holds the one write lock, so a
        # second connection's write would wait out the lock's 30 s timeout.
        now = datetime(2026, 12, 2, tzinfo=UTC)
        update.add(User(id=10, language="ru", first_seen=now, last_seen=now))
        await update.flush()
        storage = DatabaseStorage(sessionmaker, update_session=lambda: update)
        await asyncio.wait_for(storage.set_state(KEY, Draft.text), timeout=5)
        assert await storage.get_state(KEY) == "Draft:text"  # the update sees its own step
        outside = DatabaseStorage(sessionmaker, update_session=lambda: None)
        assert await outside.get_state(KEY) is None  # nobody else does until the update commits
        await update.commit()
    restarted = DatabaseStorage(sessionmaker, update_session=lambda: None)
    assert await restarted.get_state(KEY) == "Draft:text"
    async with sessionmaker() as session:
        assert await session.scalar(select(User.id)) == 10  # and the handler's row with it


async def test_a_key_found_empty_is_not_asked_for_again_until_written_here(sessionmaker) -> None:
    # aiogram asks for the state of every update, a crisis message's too; most people never have a draft.
    opened = 0

    def counting():
        nonlocal opened
        opened += 1
        return sessionmaker()

    storage = DatabaseStorage(counting, update_session=lambda: None)  # type: ignore[arg-type]
    for _ in range(3):
        assert await storage.get_state(KEY) is None and await storage.get_data(KEY) == {}
    assert opened == 1
    await storage.set_state(KEY, Draft.text)
    assert await storage.get_state(KEY) == "Draft:text"
    await storage.set_state(KEY, None)
    before = opened
    for _ in range(2):
        assert await storage.get_state(KEY) is None
    assert opened == before + 2  # written here once: always read, never remembered as empty again


async def test_instances_sharing_the_database_find_each_others_drafts(sessionmaker) -> None:
    # Webhook mode, no Redis: a draft begun on one instance goes on with a message another one takes.
    first = build_storage(None, sessionmaker, only_instance=False)
    second = build_storage(None, sessionmaker, only_instance=False)
    for storage in (first, second):
        assert isinstance(storage, DatabaseStorage)
        storage._update_session = lambda: None  # outside an update: short sessions of their own
    assert await second.get_state(KEY) is None  # the person's earlier message went to the second one
    await first.set_state(KEY, Draft.text)  # /post, taken by the first
    await first.set_data(KEY, {"scope": "S1"})
    assert await second.get_state(KEY) == "Draft:text" and await second.get_data(KEY) == {"scope": "S1"}
    await second.set_state(KEY, None)  # finished on the second
    assert await first.get_state(KEY) is None


def _redis_listening() -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", 6379)) == 0


def _unused_sessionmaker():
    # The engine connects on first use only, and these never use it.
    return create_sessionmaker(create_engine("sqlite+aiosqlite:///unused.sqlite3"))


@pytest.mark.no_database
def test_without_redis_url_drafts_go_to_the_database() -> None:
    assert isinstance(build_storage(None, _unused_sessionmaker(), only_instance=True), DatabaseStorage)


@pytest.mark.no_database
@pytest.mark.parametrize("url", ["localhost:6379", "http://localhost:6379"])
def test_redis_url_must_be_a_redis_url(url: str) -> None:
    with pytest.raises(ValidationError, match="redis_url"):
        Settings(_env_file=None, bot_token=TOKEN, redis_url=url)  # type: ignore[call-arg]
    assert Settings(_env_file=None, bot_token=TOKEN, redis_url="").redis_url is None  # type: ignore[call-arg]


@pytest.mark.no_database
@pytest.mark.skipif(not _redis_listening(), reason="no Redis on 127.0.0.1:6379")
async def test_with_redis_url_drafts_go_to_redis_under_the_full_key() -> None:
    sessionmaker = _unused_sessionmaker()
    client, other = Redis.from_url("redis://127.0.0.1:6379/15"), Redis.from_url("redis://127.0.0.1:6379/15")
    storage = build_storage(client, sessionmaker, only_instance=False)
    assert isinstance(storage, RedisStorage)
    scene = StorageKey(bot_id=1, chat_id=10, user_id=10, thread_id=5, destiny="scene")
    try:
        await storage.set_state(KEY, Draft.text)
        await storage.set_data(KEY, {"n": 1})
        await storage.set_state(scene, "Other:step")
        again = build_storage(other, sessionmaker, only_instance=False)  # another instance
        assert await again.get_state(KEY) == "Draft:text" and await again.get_data(KEY) == {"n": 1}
        assert await again.get_state(scene) == "Other:step" and await again.get_data(scene) == {}
        await again.close()  # a no-op: the client is build_app's to close, after the services stop
    finally:
        for key in (KEY, scene):
            await storage.set_state(key, None)
            await storage.set_data(key, {})
        await client.aclose()
        await other.aclose()
