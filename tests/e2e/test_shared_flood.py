"""Flood control across instances: a user whose updates are split between two dispatchers sharing Redis is
counted once, told once, and the rest are absorbed (issue 17, item 2)."""

from __future__ import annotations

import asyncio
import time

from app.composition import build_app
from bot.emulator import Emulator
from bot.factory import Overrides
from bot.outgoing import OutgoingLimiter
from bot.shared_limits import RedisFloodControl
from tests.conftest import SharedRedis
from tests.support.app import running_app

FLOODER = 6108


def _update(n: int, text: str) -> dict[str, object]:
    """What Telegram would deliver to the other instance (update ids far from the emulator's)."""
    person = {"id": FLOODER, "is_bot": False, "first_name": "Flood", "language_code": "ru"}
    return {
        "update_id": 900_000 + n,
        "message": {
            "message_id": 900_000 + n,
            "date": int(time.time()),
            "chat": {"id": FLOODER, "type": "private", "first_name": "Flood"},
            "from": person,
            "text": text,
        },
    }


async def test_a_user_flooding_two_instances_is_counted_once(
    database_url: str, shared_redis: SharedRedis
) -> None:
    # The chat limits are lifted on both sides: this test is about flood control, not pacing.
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)

    def flood() -> RedisFloodControl:
        return RedisFloodControl(shared_redis.client, shared_redis.prefix, limit=20, window=60)

    async with running_app(database_url, Overrides(flood=flood()), emulator=emu, limiter=limiter) as first:
        bot, second = build_app(first.settings, Overrides(flood=flood(), limiter=limiter))
        try:
            flooder = emu.user(FLOODER, "Flood", language_code="ru")
            for i in range(15):
                await flooder.send(f"привет {i}")  # polled by the first instance
                await second.feed_raw_update(bot, _update(i, f"привет {i}"))  # delivered to the second
            await first.idle()
            await asyncio.sleep(0.5)
        finally:
            await bot.session.close()
    notices = [m for m in flooder.history if "Слишком много сообщений" in (m.get("text") or "")]
    assert len(notices) == 1  # one window for both instances: twenty answered, then one notice
    assert len(flooder.history) <= 21
    assert emu.rejections == []
