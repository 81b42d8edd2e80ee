"""Limits shared by instances through the real Redis: two RedisLimiters (and two flood controls) on one
prefix never grant more together than one would. The script's clock is a controllable one passed in ARGV,
so the counts are exact and nothing depends on how fast the machine is."""

from __future__ import annotations

import asyncio

import pytest

from bot.middlewares.throttling import FloodControl
from bot.outgoing import OutgoingLimiter, Priority
from bot.settings import Settings
from bot.shared_limits import RedisFloodControl, RedisLimiter, key_prefix
from tests.conftest import SharedRedis

pytestmark = pytest.mark.no_database

TOKEN = "123456:" + "A" * 35


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def _pair(shared: SharedRedis, clock: FakeClock, **limits: float) -> tuple[RedisLimiter, RedisLimiter]:
    return (
        RedisLimiter(shared.client, shared.prefix, clock=clock, **limits),
        RedisLimiter(shared.client, shared.prefix, clock=clock, **limits),
    )


async def _grants(limiters: tuple[RedisLimiter, ...], chat_id: int | None, priority: Priority) -> int:
    """Each instance in turn takes all it is given at this moment."""
    granted = 0
    for limiter in limiters:
        while await limiter.try_acquire(chat_id, priority) == 0:
            granted += 1
    return granted


async def test_two_instances_together_never_exceed_the_overall_rate(shared_redis: SharedRedis) -> None:
    clock = FakeClock()
    pair = _pair(shared_redis, clock, global_rate=10, global_burst=5, chat_rate=1000, chat_burst=1000)
    per_second = []
    for _second in range(10):
        granted = 0
        for _step in range(50):  # every 20 ms, both instances send as much as they may
            granted += await _grants(pair, None, Priority.BROADCAST)
            clock.now += 0.02
        per_second.append(granted)
    # The burst once, then the rate: together exactly what one instance alone may send.
    assert per_second[0] <= 10 + 5
    assert all(9 <= n <= 11 for n in per_second[1:]), per_second
    assert sum(per_second) <= 10 * 10 + 5


async def test_one_message_a_second_per_chat_across_instances(shared_redis: SharedRedis) -> None:
    clock = FakeClock()
    pair = _pair(shared_redis, clock, global_rate=100, global_burst=100, chat_rate=1, chat_burst=1)
    to_chat = other_chat = 0
    for _step in range(200):  # 10 s in 50 ms steps
        to_chat += await _grants(pair, 42, Priority.INTERACTIVE)
        other_chat += await _grants(pair[:1], 43, Priority.INTERACTIVE)
        clock.now += 0.05
    assert to_chat == 10  # once a second, although two instances kept asking
    assert other_chat == 10  # another chat has a bucket of its own


async def test_a_429_pause_heard_by_one_instance_holds_the_other(shared_redis: SharedRedis) -> None:
    clock = FakeClock()
    first, second = _pair(shared_redis, clock, global_rate=30, global_burst=20)
    first.pause(30)  # as RetryAfterMiddleware does on a 429
    await asyncio.gather(*first._pausing)
    assert 29.9 < await second.try_acquire(7, Priority.INTERACTIVE) <= 30
    assert 29.9 < await second.try_acquire(None, Priority.BROADCAST) <= 30
    assert await second.try_acquire(7, Priority.CRISIS) == 0  # a crisis reply is never held by a pause
    clock.now += 30.01
    assert await second.try_acquire(8, Priority.INTERACTIVE) == 0
    # A shorter pause heard later does not shorten a longer one.
    await first.pause_shared(60)
    await second.pause_shared(1)
    assert await first.try_acquire(9, Priority.INTERACTIVE) > 59


async def _emptied(shared: SharedRedis) -> tuple[FakeClock, RedisLimiter, RedisLimiter]:
    """A broadcaster and a replier at 10/s, burst 1, the broadcaster having just taken the one token."""
    clock = FakeClock()
    limits = {"global_rate": 10, "global_burst": 1, "broadcast_rate": 10, "broadcast_burst": 1}
    broadcaster, replier = _pair(shared, clock, **limits)
    assert await broadcaster.try_acquire(1, Priority.BROADCAST) == 0  # the overall bucket is empty now
    return clock, broadcaster, replier


async def test_a_waiting_crisis_reply_goes_before_another_instances_broadcasts(
    shared_redis: SharedRedis,
) -> None:
    clock, broadcaster, replier = await _emptied(shared_redis)
    # A crisis reply does not wait for a token: it borrows one, and the broadcasts pay it back.
    assert await replier.try_acquire(2, Priority.CRISIS) == 0
    assert await broadcaster.try_acquire(3, Priority.BROADCAST) == pytest.approx(0.2)
    # A second one at the same moment finds the debt and waits for it...
    wait = await replier.try_acquire(4, Priority.CRISIS)
    assert wait == pytest.approx(0.1)
    clock.now += wait
    # ...and though the broadcaster asks first once it is paid, the waiting crisis reply goes first.
    assert await broadcaster.try_acquire(3, Priority.BROADCAST) > 0
    assert await broadcaster.try_acquire(3, Priority.INTERACTIVE) > 0
    assert await replier.try_acquire(4, Priority.CRISIS) == 0
    clock.now += 0.2  # its borrowed token paid back
    assert await broadcaster.try_acquire(3, Priority.BROADCAST) == 0


async def test_an_interactive_reply_books_the_next_token_before_any_broadcast(
    shared_redis: SharedRedis,
) -> None:
    clock, broadcaster, replier = await _emptied(shared_redis)
    clock.now += 0.05  # half a token back
    # Less than a token short, the reply books the next token: it is told to send when it is due...
    assert await replier.try_acquire(2, Priority.INTERACTIVE, book=True) == pytest.approx(-0.05)
    # ...and a broadcast asking at that moment waits for the token after it, whoever wakes first.
    assert await broadcaster.try_acquire(3, Priority.BROADCAST) == pytest.approx(0.15)
    # One token ahead at most: a second reply waits to book its own, and a crisis reply for one token's time.
    assert await replier.try_acquire(4, Priority.INTERACTIVE, book=True) == pytest.approx(0.05)
    assert await replier.try_acquire(5, Priority.CRISIS) == pytest.approx(0.05)
    # Without booking (try_acquire's default) nothing is taken until a whole token is there.
    clock.now += 0.06  # past the crisis reply's mark: 0.1 of a token
    assert await replier.try_acquire(6, Priority.INTERACTIVE) == pytest.approx(0.09)


async def test_acquire_waits_for_the_shared_grant(shared_redis: SharedRedis) -> None:
    # The real clock (Redis's TIME): a burst of 2 goes at once, then the limiter sleeps for the next token.
    limiter = RedisLimiter(shared_redis.client, shared_redis.prefix, global_rate=1000, global_burst=2)
    for _ in range(3):
        await asyncio.wait_for(limiter.acquire(None, Priority.INTERACTIVE), timeout=5)
    assert await limiter.try_acquire(None, Priority.INTERACTIVE) >= 0


async def test_flood_control_counts_one_user_across_instances(shared_redis: SharedRedis) -> None:
    clock = FakeClock()
    first, second = (
        RedisFloodControl(shared_redis.client, shared_redis.prefix, limit=20, window=10, clock=clock)
        for _ in range(2)
    )
    verdicts = []
    for i in range(23):
        verdicts.append(await (first if i % 2 else second).verdict(5))
        clock.now += 0.1
    assert verdicts[:20] == ["ok"] * 20  # ten on each instance: one window of twenty
    assert verdicts[20:] == ["warn", "drop", "drop"]
    assert await second.verdict(6) == "ok"  # another user is not touched
    clock.now += 10
    assert await first.verdict(5) == "ok"  # the window slid


async def test_the_factory_shares_limits_only_with_redis_url() -> None:
    from bot.factory import build_flood, build_limiter, open_redis

    plain = Settings(_env_file=None, bot_token=TOKEN)  # type: ignore[call-arg]
    shared = Settings(_env_file=None, bot_token=TOKEN, redis_url="redis://127.0.0.1:6379/15")  # type: ignore[call-arg]
    assert open_redis(plain) is None
    assert type(build_limiter(plain)) is OutgoingLimiter and type(build_flood(plain)) is FloodControl
    redis = open_redis(shared)
    assert redis is not None
    try:
        assert isinstance(build_limiter(shared, redis), RedisLimiter)
        assert isinstance(build_flood(shared, redis), RedisFloodControl)
    finally:
        await redis.aclose()
    # Per bot, and the token itself is never in a key.
    assert key_prefix(TOKEN) != key_prefix("654321:" + "A" * 35) and TOKEN not in key_prefix(TOKEN)


async def test_paid_broadcasts_share_their_own_bucket_and_leave_the_overall_one(
    shared_redis: SharedRedis,
) -> None:
    clock = FakeClock()
    limits = {"global_rate": 10, "global_burst": 2, "broadcast_rate": 10, "broadcast_burst": 2}
    first, second = _pair(shared_redis, clock, **limits, paid_rate=100, paid_burst=5)
    paid = 0
    for limiter in (first, second):
        while await limiter.try_acquire(None, Priority.BROADCAST, paid=True) == 0:
            paid += 1
    assert paid == 5, "the two instances together get the paid burst once"
    assert await first.try_acquire(None, Priority.BROADCAST, paid=True) == pytest.approx(0.01)
    # The overall bucket was never touched: replies and ordinary broadcasts still find their burst.
    assert await _grants((first, second), None, Priority.INTERACTIVE) == 2
    # The 1/s per chat still holds for paid sends.
    clock.now += 1
    assert [await second.try_acquire(7, Priority.BROADCAST, paid=True) for _ in range(4)][:3] == [0, 0, 0]
    assert await first.try_acquire(7, Priority.BROADCAST, paid=True) > 0


async def test_without_a_paid_bucket_a_paid_send_is_paced_as_an_ordinary_one(
    shared_redis: SharedRedis,
) -> None:
    clock = FakeClock()
    first, second = _pair(shared_redis, clock, global_rate=10, global_burst=3)
    for limiter in (first, second):
        assert limiter.paid_bucket is None
    granted = 0
    for limiter in (first, second):
        while await limiter.try_acquire(None, Priority.BROADCAST, paid=True) == 0:
            granted += 1
    assert granted == 3


async def test_the_factory_paces_broadcasts_within_telegrams_ordinary_limit_unless_paid() -> None:
    from bot.factory import build_limiter, open_redis

    old_paid = Settings(_env_file=None, bot_token=TOKEN, broadcast_rate=1000)  # type: ignore[call-arg]
    limiter = build_limiter(old_paid)
    assert limiter.global_bucket.rate == 28 and limiter.broadcast_bucket is not None
    assert limiter.broadcast_bucket.rate == 28, "a rate above ~30/s no longer means paid broadcasts"
    assert limiter.paid_bucket is None, "PAID_BROADCAST_RATE is 0 by default: no paid bucket"
    paid = Settings(_env_file=None, bot_token=TOKEN, paid_broadcast_rate=1000)  # type: ignore[call-arg]
    limiter = build_limiter(paid)
    assert limiter.global_bucket.rate == 28 and limiter.paid_bucket is not None
    assert limiter.paid_bucket.rate == 1000
    shared = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        paid_broadcast_rate=500,
        redis_url="redis://127.0.0.1:6379/15",
    )
    redis = open_redis(shared)
    assert redis is not None
    try:
        shared_limiter = build_limiter(shared, redis)
        assert isinstance(shared_limiter, RedisLimiter) and shared_limiter.paid_bucket is not None
        assert shared_limiter.paid_bucket.rate == 500
    finally:
        await redis.aclose()
