"""/healthz, /readyz and /metrics (issue 17, item 4): served beside the webhook; the metrics count updates by
kind, replies and crisis replies by kind, the sender's messages and 429s, the waiting outbox and the rows
taken over from a dead sender, and never carry a message's words."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest

from bot.emulator import Emulator
from db.engine import create_engine, create_sessionmaker
from db.models import OutboxEntry
from tests.support.app import ADMIN_ID
from tests.support.daytime_clock import shared_daytime_clock
from tests.support.delivery import add_admin_user, copies, populate, queue_post, reachable, wait_done
from tests.support.posts import new_post
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


def _value(text: str, name: str) -> float:
    """The value of an unlabelled sample in a Prometheus exposition."""
    for line in text.splitlines():
        if line.startswith(f"{name} "):
            return float(line.split()[1])
    raise AssertionError(f"{name} is not in /metrics")


@pytest.fixture
async def broadcasting(database_url: str) -> AsyncIterator[WebhookApp]:
    """A webhook instance whose sender drains slowly (10/s), on an emulator with no rate limits of its own."""
    emu = Emulator(global_rate=None, chat_rate=None)
    await emu.start()
    try:
        async with running_webhook_app(database_url, emu, broadcast_rate=10, instance_id="live") as app:
            yield app
    finally:
        await emu.stop()


async def test_metrics_count_broadcast_sends_429s_presses_and_show_the_outbox_while_it_drains(
    broadcasting: WebhookApp,
) -> None:
    app = broadcasting
    people = {4300 + i: ("kk" if i % 2 else "ru") for i in range(30)}
    users = {uid: reachable(app.emu, uid, language) for uid, language in people.items()}
    await populate(app, people)  # type: ignore[arg-type]  # uses only .dp, .emu and .bot
    app.emu.inject_fault("sendMessage", 429, chat_id=4301, retry_after=1)
    post_id, _ = await queue_post(app)  # type: ignore[arg-type]

    # While it drains: the waiting rows and the age of the oldest one are visible.
    deadline = asyncio.get_running_loop().time() + 5
    while True:
        text = (await _get(app, "/metrics"))[1]
        if _value(text, "bot_outbox_pending") > 0:
            break
        assert asyncio.get_running_loop().time() < deadline, "the outbox never showed as waiting"
        await asyncio.sleep(0.05)
    assert 0 < _value(text, "bot_outbox_pending") <= len(people)
    assert _value(text, "bot_outbox_oldest_pending_seconds") > 0

    # A parent acknowledges the post: a callback_query, counted under its own kind.
    got = await users[4300].next_message(timeout=10)
    answer = users[4300].press(got, 0)  # «Понятно»: 4300 reads Russian
    await app.emu.deliver_webhook(app.url)
    await answer

    await wait_done(app, post_id)  # type: ignore[arg-type]
    text = (await _get(app, "/metrics"))[1]
    # The sender's own session is counted like the bot's: the 'queued' message and one copy per parent.
    assert _value(text, "bot_messages_sent_total") == 1 + len(people)
    assert _value(text, "bot_telegram_429_total") == 1
    assert 'bot_updates_handled_total{kind="callback_query"} 1.0' in text
    assert _value(text, "bot_outbox_pending") == 0 and _value(text, "bot_outbox_oldest_pending_seconds") == 0
    assert _value(text, "bot_outbox_lease_expiries_total") == 0


async def test_rows_whose_lease_ran_out_are_taken_over_and_counted(broadcasting: WebhookApp) -> None:
    """A sender that died holding leases: its rows go out from this one once they lapse, and are counted."""
    app = broadcasting
    people = {4400 + i: "kk" for i in range(8)}
    for uid in people:
        reachable(app.emu, uid)
    await populate(app, people)  # type: ignore[arg-type]
    # The app's clock, not the wall's: in Kazakhstan's quiet hours it is moved into the day
    # (daytime_clock.py), and a lease that ran out a second ago by the wall is hours away for the sender.
    now = shared_daytime_clock().now()
    async with app.dp["sessionmaker"]() as s:
        await add_admin_user(s, now)
        post = new_post(author_id=ADMIN_ID, scope_code="S1", status="sending", created_at=now, started_at=now)
        s.add(post)
        await s.flush()
        for index, uid in enumerate(people):
            dead = index < 5  # five were leased by an instance that is gone; three nobody held
            s.add(
                OutboxEntry(
                    post_id=post.id,
                    chat_id=uid,
                    language="kk",
                    status="pending",
                    attempts=0,
                    lease_owner="gone" if dead else None,
                    lease_until=now - timedelta(seconds=1) if dead else None,
                )
            )
        await s.commit()
        post_id = post.id
    app.dp["broadcaster"].wake()
    await wait_done(app, post_id)  # type: ignore[arg-type]
    text = (await _get(app, "/metrics"))[1]
    assert _value(text, "bot_outbox_lease_expiries_total") == 5
    assert copies(app.emu, "Ата-аналар") == Counter(dict.fromkeys(people, 1))


async def test_a_crisis_reply_that_could_not_be_sent_is_not_counted_as_given(web: WebhookApp) -> None:
    child = web.emu.user(4203, language_code="ru")
    web.emu.inject_fault("sendMessage", 400, chat_id=4203, description="Bad Request: something went wrong")
    await child.send(CRISIS_TEXT)
    assert await web.emu.deliver_webhook(web.url) == [200]
    await child.next_message()  # the error handler's polite answer, not the crisis reply
    text = (await _get(web, "/metrics"))[1]
    assert 'bot_updates_handled_total{kind="message"} 1.0' in text
    assert "bot_crisis_replies_total{" not in text
    web.emu.reset_records()  # the injected refusal
