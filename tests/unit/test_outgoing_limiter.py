import asyncio
import time

import pytest

from bot.outgoing import OutgoingLimiter, Priority, PriorityBucket

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database


async def test_bucket_allows_burst_then_paces() -> None:
    bucket = PriorityBucket(rate=20, burst=3)
    started = time.monotonic()
    for _ in range(3):
        await bucket.acquire()
    assert time.monotonic() - started < 0.02
    for _ in range(4):
        await bucket.acquire()
    # Four more at 20/s need about 0.2 s.
    assert 0.15 < time.monotonic() - started < 0.6


async def test_urgent_waiters_overtake_queued_ones() -> None:
    bucket = PriorityBucket(rate=50, burst=1)
    await bucket.acquire()
    order: list[str] = []

    async def take(name: str, priority: Priority) -> None:
        await bucket.acquire(priority)
        order.append(name)

    tasks = [asyncio.create_task(take(f"b{i}", Priority.BROADCAST)) for i in range(3)]
    await asyncio.sleep(0)
    tasks.append(asyncio.create_task(take("menu", Priority.INTERACTIVE)))
    tasks.append(asyncio.create_task(take("crisis", Priority.CRISIS)))
    await asyncio.gather(*tasks)
    assert order[:2] == ["crisis", "menu"]
    assert sorted(order[2:]) == ["b0", "b1", "b2"]


async def test_cancelled_waiter_does_not_consume_a_token() -> None:
    bucket = PriorityBucket(rate=20, burst=1)
    await bucket.acquire()
    waiter = asyncio.create_task(bucket.acquire())
    await asyncio.sleep(0.01)
    waiter.cancel()
    started = time.monotonic()
    await bucket.acquire()
    assert time.monotonic() - started < 0.1


async def test_one_chat_does_not_hold_back_another() -> None:
    limiter = OutgoingLimiter(global_rate=1000, global_burst=1000, chat_rate=2, chat_burst=1)
    await limiter.acquire(1)
    started = time.monotonic()
    await limiter.acquire(2)
    assert time.monotonic() - started < 0.05
    await limiter.acquire(1)
    assert time.monotonic() - started > 0.4


async def test_an_album_waits_for_a_full_bucket_and_leaves_it_in_debt() -> None:
    # Telegram counts each file of an album; one bigger than the burst goes once the bucket is full.
    bucket = PriorityBucket(rate=20, burst=3)
    await bucket.acquire()  # 2 tokens left: an album of 10 must wait for the third
    started = time.monotonic()
    await bucket.acquire(cost=10)
    waited_for_album = time.monotonic() - started
    assert 0.03 < waited_for_album < 0.2
    await bucket.acquire()  # 10 taken from 3: the debt of 7 (and one more token) takes about 0.4 s
    assert 0.3 < time.monotonic() - started - waited_for_album < 0.8
