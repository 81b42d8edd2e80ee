"""Flood control: global and per-chat token buckets answering 429 with retry_after."""

from __future__ import annotations

import asyncio

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramRetryAfter
from aiogram.types import BufferedInputFile, InputMediaPhoto

from bot.emulator.emulator import Emulator
from bot.emulator.limits import RateLimiter

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database


async def started_users(emu: Emulator, count: int, first_id: int = 5000) -> list:
    users = [emu.user(first_id + i, f"U{i}") for i in range(count)]
    for user in users:
        await user.send("/start")
    return users


@pytest.mark.asyncio
async def test_global_limit_when_broadcasting_to_40_chats(emu: Emulator, bot: Bot) -> None:
    users = await started_users(emu, 40)
    # Telegram's burst of 30, refilled slowly: on a busy test machine 40 requests may take a second or more
    # to arrive, and at 30/s the bucket would refill in the meantime.
    emu.set_limits(global_rate=2.0)
    results = await asyncio.gather(*(bot.send_message(u.id, "news") for u in users), return_exceptions=True)
    throttled = [r for r in results if isinstance(r, TelegramRetryAfter)]
    delivered = [r for r in results if not isinstance(r, BaseException)]
    assert 6 <= len(throttled) <= 10, f"a burst of 30 should refuse about 10 of 40, refused {len(throttled)}"
    assert len(delivered) + len(throttled) == 40
    assert all(e.retry_after >= 1 for e in throttled)
    assert throttled[0].message.endswith(f"Too Many Requests: retry after {throttled[0].retry_after}")
    assert emu.stats["429"] == len(throttled) == len(emu.throttled)
    assert emu.rejections == [], "429s are flood control, not rejections"
    assert len(emu.sent) == len(delivered)


@pytest.mark.asyncio
async def test_per_chat_burst_of_three(emu: Emulator, bot: Bot) -> None:
    (user,) = await started_users(emu, 1)
    for i in range(3):
        await bot.send_message(user.id, f"m{i}")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(user.id, "m3")
    assert caught.value.retry_after == 1
    assert emu.throttled[0].chat_id == user.id
    await bot.edit_message_text("edited", chat_id=user.id, message_id=user.last["message_id"])
    await bot.send_chat_action(user.id, "typing")
    assert user.actions == ["typing"]


@pytest.mark.asyncio
async def test_limits_can_be_changed_or_disabled(emu: Emulator, bot: Bot) -> None:
    users = await started_users(emu, 2)
    emu.set_limits(chat_rate=None, global_rate=None)
    for i in range(10):
        await bot.send_message(users[0].id, f"m{i}")
    emu.set_limits(global_rate=1000, global_burst=1000, chat_rate=1, chat_burst=1)
    await bot.send_message(users[1].id, "one")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(users[1].id, "two")


@pytest.mark.asyncio
async def test_media_group_counts_each_item(emu: Emulator, bot: Bot) -> None:
    users = await started_users(emu, 2)
    emu.set_limits(global_rate=1, global_burst=4, chat_rate=None)
    photos = [InputMediaPhoto(media=BufferedInputFile(b"img%d" % i, f"{i}.jpg")) for i in range(3)]
    album = await bot.send_media_group(users[0].id, photos)
    assert len(album) == 3 and len({m.media_group_id for m in album}) == 1
    with pytest.raises(TelegramRetryAfter):
        await bot.send_media_group(users[1].id, photos[:2])


def test_token_bucket_refills_over_time() -> None:
    now = [0.0]
    limiter = RateLimiter(global_rate=None, chat_rate=1, chat_burst=3, clock=lambda: now[0])
    assert [limiter.acquire(1) for _ in range(3)] == [None, None, None]
    assert limiter.acquire(1) == 1
    now[0] = 0.5
    assert limiter.acquire(1) == 1  # half a token: ceil rounds the wait up
    now[0] = 1.0
    assert limiter.acquire(1) is None
    assert limiter.acquire(2) is None, "other chats have their own bucket"
    assert limiter.acquire(1, cost=10) == 3, "a big batch waits for a full bucket"


@pytest.mark.asyncio
async def test_paid_broadcasts_count_against_their_own_ceiling(emu: Emulator, bot: Bot) -> None:
    users = await started_users(emu, 80)
    # Slow refills, so the bursts decide: 30 ordinary messages, then the paid ceiling's 60. The buckets' clock
    # stands still: forty sends taking over a second on a busy machine refilled a token (9 refused, not 10).
    emu.set_limits(global_rate=1.0, global_burst=30, paid_rate=2.0, paid_burst=60)
    emu.limiter.clock = lambda: 0.0
    emu.reset_records()
    ordinary = await asyncio.gather(
        *(bot.send_message(u.id, "news") for u in users[:40]), return_exceptions=True
    )
    assert sum(isinstance(r, TelegramRetryAfter) for r in ordinary) == 10
    assert emu.paid_messages == 0, "no send asked for allow_paid_broadcast"
    # The ordinary bucket is empty now; paid sends do not touch it, and get their own 60.
    paid = await asyncio.gather(
        *(bot.send_message(u.id, "alert", allow_paid_broadcast=True) for u in users[:80]),
        return_exceptions=True,
    )
    refused = [r for r in paid if isinstance(r, TelegramRetryAfter)]
    assert len(refused) == 20, "the paid ceiling of 60 holds"
    assert emu.paid_messages == 60
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(users[79].id, "still ordinary")
    assert emu.rejections == []


@pytest.mark.asyncio
async def test_paid_broadcasts_keep_the_per_chat_limit(emu: Emulator, bot: Bot) -> None:
    (user,) = await started_users(emu, 1)
    emu.reset_records()
    for i in range(3):
        await bot.send_message(user.id, f"m{i}", allow_paid_broadcast=True)
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(user.id, "m3", allow_paid_broadcast=True)
    assert emu.paid_messages == 3
    assert emu.throttled[0].chat_id == user.id


def test_paid_ceiling_is_separate_and_configurable() -> None:
    now = [0.0]
    limiter = RateLimiter(
        global_rate=1, global_burst=1, chat_rate=None, paid_rate=2, paid_burst=2, clock=lambda: now[0]
    )
    assert limiter.acquire(1) is None
    assert limiter.acquire(2) == 1, "the ordinary ceiling is spent"
    assert [limiter.acquire(3 + i, paid=True) for i in range(2)] == [None, None]
    assert limiter.acquire(9, paid=True) == 1, "the paid ceiling is spent too"
    limiter.configure(paid_rate=None)
    assert limiter.acquire(9, paid=True) is None, "None lifts the paid ceiling"
    assert [limiter.acquire(10), limiter.acquire(11)] == [None, 1], "the ordinary one stays (refilled)"
