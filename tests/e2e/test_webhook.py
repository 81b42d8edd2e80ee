"""Webhook mode (issue 17, item 3): the secret token is checked on every request, and an update Telegram
delivers again is handled once, also by another instance sharing Redis."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import aiohttp
import pytest
from redis.asyncio import Redis

from bot.clock import Clock
from bot.emulator import Emulator
from bot.web.dedup import DatabaseSeen
from db.engine import create_engine, create_sessionmaker
from db.migrate import upgrade_to_head
from tests.support.chat import settle
from tests.support.redis_url import required_redis_url
from tests.support.webhook import PUBLIC_URL, SECRET, running_webhook_app

HEADER = "X-Telegram-Bot-Api-Secret-Token"


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    emulator = Emulator()
    await emulator.start()
    try:
        yield emulator
    finally:
        await emulator.stop()


def _handled(app_metrics: object) -> float:
    return sum(
        s.value
        for metric in app_metrics.registry.collect()  # type: ignore[attr-defined]
        if metric.name == "bot_updates_handled"
        for s in metric.samples
        if s.name.endswith("_total")
    )


async def test_the_webhook_is_set_with_the_secret_and_a_right_request_is_answered(
    database_url: str, emu: Emulator
) -> None:
    async with running_webhook_app(database_url, emu) as app:
        assert emu.world.webhook_url == PUBLIC_URL and emu.world.webhook_secret == SECRET
        user = emu.user(4101, language_code="ru")
        await user.send("/helplines")
        assert await emu.deliver_webhook(app.url) == [200]
        reply = await user.next_message()
        assert "112" in reply["text"]
        assert emu.updates.pending == []


@pytest.mark.parametrize("secret", [None, "wrong-secret"], ids=["missing", "wrong"])
async def test_a_request_without_the_right_secret_is_refused_and_not_handled(
    database_url: str, emu: Emulator, secret: str | None
) -> None:
    async with running_webhook_app(database_url, emu) as app:
        user = emu.user(4102, language_code="kk")
        await user.send("/helplines")
        update = emu.updates.pending[0]
        headers = {HEADER: secret} if secret else {}
        async with (
            aiohttp.ClientSession() as session,
            session.post(app.url, json=update, headers=headers) as r,
        ):
            assert r.status == 401
        await settle(user, quiet=0.3)
        assert [m for m in emu.sent if m["chat_id"] == user.id] == []
        assert _handled(app.metrics) == 0


async def test_an_update_delivered_twice_is_handled_once(database_url: str, emu: Emulator) -> None:
    async with running_webhook_app(database_url, emu) as app:
        user = emu.user(4103, language_code="kk")
        await user.send("/helplines")
        assert await emu.deliver_webhook(app.url, again=True) == [200]
        await user.next_message()
        assert await emu.deliver_webhook(app.url) == [200]
        await settle(user, quiet=0.3)
        replies = [m for m in emu.sent if m["chat_id"] == user.id]
        assert len(replies) == 1
        assert _handled(app.metrics) == 1


async def test_two_instances_sharing_redis_handle_a_redelivered_update_once(
    database_url: str, emu: Emulator
) -> None:
    redis_url = required_redis_url()
    prefix = f"test-seen-{uuid.uuid4().hex}"
    async with (
        running_webhook_app(database_url, emu, redis_url=redis_url, dedup_prefix=prefix) as first,
        running_webhook_app(database_url, emu, redis_url=redis_url, dedup_prefix=prefix) as second,
    ):
        try:
            user = emu.user(4104, language_code="ru")
            await user.send("/helplines")
            # The proxy sent Telegram's first try to one instance and its retry to the other.
            assert await emu.deliver_webhook(first.url, again=True) == [200]
            await user.next_message()
            assert await emu.deliver_webhook(second.url) == [200]
            await settle(user, quiet=0.3)
            assert len([m for m in emu.sent if m["chat_id"] == user.id]) == 1
            assert _handled(first.metrics) + _handled(second.metrics) == 1
        finally:
            redis = Redis.from_url(redis_url)  # the apps' own clients close with them
            keys = [k async for k in redis.scan_iter(match=f"{prefix}:*")]
            if keys:
                await redis.delete(*keys)
            await redis.aclose()


async def test_two_instances_sharing_postgresql_without_redis_handle_a_redelivered_update_once(
    database_url: str, emu: Emulator
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite runs one process, which keeps its claims in memory (the PostgreSQL pass runs it)")
    async with (
        running_webhook_app(database_url, emu) as first,
        running_webhook_app(database_url, emu) as second,
    ):
        user = emu.user(4105, language_code="kk")
        await user.send("/helplines")
        assert await emu.deliver_webhook(first.url, again=True) == [200]
        await user.next_message()
        assert await emu.deliver_webhook(second.url) == [200]
        await settle(user, quiet=0.3)
        assert len([m for m in emu.sent if m["chat_id"] == user.id]) == 1
        assert _handled(first.metrics) + _handled(second.metrics) == 1


async def test_a_claim_in_the_database_is_taken_once(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade_to_head(engine)
        seen = DatabaseSeen(create_sessionmaker(engine), Clock())
        assert await seen.claim(1, 7)
        assert not await seen.claim(1, 7)
        assert await seen.claim(2, 7)  # another bot's update 7
    finally:
        await engine.dispose()


async def test_stopping_finishes_the_updates_it_has_answered(database_url: str, emu: Emulator) -> None:
    # Telegram got its 200 at once, so nobody will deliver these again: a stop (SIGTERM) must handle them.
    users = [emu.user(4110 + i, language_code="kk") for i in range(3)]
    async with running_webhook_app(database_url, emu) as app:
        # Each reply waits out a 429 (a second) first: the stop comes while all three are in flight.
        emu.inject_fault("sendMessage", 429, count=3, retry_after=1)
        for user in users:
            await user.send("/helplines")
        assert await emu.deliver_webhook(app.url) == [200, 200, 200]
    for user in users:
        assert len([m for m in emu.sent if m["chat_id"] == user.id]) == 1
