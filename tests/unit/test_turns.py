"""One update of a person at a time, in one process and across instances sharing Redis."""

from __future__ import annotations

import asyncio

from aiogram.fsm.storage.base import StorageKey
from redis.asyncio import Redis

from bot.turns import Turns
from tests.conftest import SharedRedis

BOT = 42


def _key(user_id: int, chat_id: int | None = None) -> StorageKey:
    return StorageKey(bot_id=BOT, chat_id=chat_id or user_id, user_id=user_id)


async def _order(first: Turns, second: Turns, key_a: StorageKey, key_b: StorageKey) -> list[str]:
    events: list[str] = []
    holding = asyncio.Event()

    async def one(turns: Turns, key: StorageKey, name: str) -> None:
        async with turns.lock(key):
            events.append(f"{name} in")
            holding.set()
            await asyncio.sleep(0.2)
            events.append(f"{name} out")

    a = asyncio.create_task(one(first, key_a, "a"))
    await holding.wait()
    await one(second, key_b, "b")
    await a
    return events


async def test_in_one_process_a_persons_second_update_waits_for_the_first() -> None:
    turns = Turns()
    assert await _order(turns, turns, _key(1), _key(1)) == ["a in", "a out", "b in", "b out"]
    # Another person, or the same person in a group chat, is not held up.
    assert await _order(turns, turns, _key(1), _key(2)) == ["a in", "b in", "a out", "b out"]
    assert await _order(turns, turns, _key(1), _key(1, chat_id=-100)) == ["a in", "b in", "a out", "b out"]


async def test_a_persons_lock_is_not_kept_once_nobody_holds_it() -> None:
    turns = Turns()
    for user_id in range(100):
        async with turns.lock(_key(user_id)):
            pass
    assert len(turns._local) == 0


async def test_two_instances_sharing_redis_take_one_persons_updates_one_at_a_time(
    shared_redis: SharedRedis,
) -> None:
    other = Redis.from_url(shared_redis.url)
    try:
        first = Turns(shared_redis.client, shared_redis.prefix)
        second = Turns(other, shared_redis.prefix)  # another process: its own local locks
        assert await _order(first, second, _key(7), _key(7)) == ["a in", "a out", "b in", "b out"]
        assert await _order(first, second, _key(7), _key(8)) == ["a in", "b in", "a out", "b out"]
    finally:
        await other.aclose()


async def test_with_redis_away_updates_still_go_through_in_turn_within_the_process() -> None:
    gone = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    try:
        turns = Turns(gone, "x:")
        assert await _order(turns, turns, _key(3), _key(3)) == ["a in", "a out", "b in", "b out"]
    finally:
        await gone.aclose()


async def test_an_update_waits_for_the_previous_one_only_so_long() -> None:
    turns = Turns(wait=0.05)
    events: list[str] = []
    holding, done = asyncio.Event(), asyncio.Event()

    async def slow() -> None:
        async with turns.lock(_key(5)):
            holding.set()
            await done.wait()  # a press that waits for a post's row while the sender has it
            events.append("slow out")

    task = asyncio.create_task(slow())
    await holding.wait()
    async with turns.lock(_key(5)):
        events.append("next in")
    done.set()
    await task
    assert events == ["next in", "slow out"]
    # The person's turn is free again afterwards: nothing holds or awaits it.
    assert len(turns._local) == 0
