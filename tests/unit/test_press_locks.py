"""One press of a person at a time, in one process and across instances sharing Redis."""

from __future__ import annotations

import asyncio

from redis.asyncio import Redis

from bot.press_locks import PressLocks
from tests.conftest import SharedRedis


async def _order(first: PressLocks, second: PressLocks, user_a: int, user_b: int) -> list[str]:
    events: list[str] = []
    holding = asyncio.Event()

    async def one(locks: PressLocks, user_id: int, name: str) -> None:
        async with locks.one_at_a_time(user_id):
            events.append(f"{name} in")
            holding.set()
            await asyncio.sleep(0.2)
            events.append(f"{name} out")

    a = asyncio.create_task(one(first, user_a, "a"))
    await holding.wait()
    await one(second, user_b, "b")
    await a
    return events


async def test_in_one_process_the_second_press_waits_for_the_first() -> None:
    locks = PressLocks()
    assert await _order(locks, locks, 1, 1) == ["a in", "a out", "b in", "b out"]
    # Another person is not held up.
    assert await _order(locks, locks, 1, 2) == ["a in", "b in", "a out", "b out"]


async def test_two_instances_sharing_redis_take_one_persons_presses_one_at_a_time(
    shared_redis: SharedRedis,
) -> None:
    other = Redis.from_url(shared_redis.url)
    try:
        first = PressLocks(shared_redis.client, shared_redis.prefix)
        second = PressLocks(other, shared_redis.prefix)  # another process: its own local locks
        assert await _order(first, second, 7, 7) == ["a in", "a out", "b in", "b out"]
        assert await _order(first, second, 7, 8) == ["a in", "b in", "a out", "b out"]
    finally:
        await other.aclose()
