"""/healthz, /readyz and /metrics (issue 17, item 4): served beside the webhook; the metrics count updates by
kind, replies and crisis replies by kind, and never carry a message's words."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.emulator import Emulator
from db.engine import create_engine, create_sessionmaker
from tests.support.webhook import WebhookApp, running_webhook_app

CRISIS_TEXT = "я правда больше не хочу жить, всё бесполезно"


@pytest.fixture
async def web(database_url: str) -> AsyncIterator[WebhookApp]:
    emu = Emulator()
    await emu.start()
    try:
        async with running_webhook_app(database_url, emu) as app:
            yield app
    finally:
        await emu.stop()


async def _get(app: WebhookApp, path: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(app.base + path) as response:
        return response.status, await response.text()


async def test_healthz_and_readyz_answer_while_the_database_does(web: WebhookApp) -> None:
    assert await _get(web, "/healthz") == (200, "ok\n")
    status, body = await _get(web, "/readyz")
    assert status == 200 and "database ok" in body


async def test_readyz_is_503_when_the_database_does_not_answer(web: WebhookApp, tmp_path: object) -> None:
    ops = web.dp["operations"]
    engine = create_engine("sqlite+aiosqlite:////nonexistent-folder/for/sure/bot.sqlite3")
    ops.sessionmaker = create_sessionmaker(engine)
    try:
        status, body = await _get(web, "/readyz")
        assert status == 503 and "database down" in body
        assert (await _get(web, "/healthz"))[0] == 200  # alive all the same: no restart for a database outage
    finally:
        await engine.dispose()


async def test_metrics_count_updates_replies_and_crisis_replies_without_any_text(web: WebhookApp) -> None:
    parent = web.emu.user(4201, language_code="kk")
    child = web.emu.user(4202, language_code="ru")
    await parent.send("/helplines")
    await child.send(CRISIS_TEXT)
    assert await web.emu.deliver_webhook(web.url) == [200, 200]
    await parent.next_message()
    await child.next_message()
    status, text = await _get(web, "/metrics")
    assert status == 200
    assert 'bot_updates_handled_total{kind="message"} 2.0' in text
    assert 'bot_crisis_replies_total{kind="suicide"} 1.0' in text
    assert "bot_update_seconds_count 2.0" in text
    assert "bot_messages_sent_total 2.0" in text
    for name in ("bot_telegram_429_total", "bot_outbox_pending", "bot_outbox_oldest_pending_seconds"):
        assert f"{name} 0.0" in text
    assert "bot_outbox_lease_expiries_total 0.0" in text
    for word in ("жить", "helplines", "бесполезно", "4201", "4202"):
        assert word not in text
