"""Every sender reads a Telegram error the same way (bot/telegram_errors.py): an answer about the request
fails at once, a gone account makes the person inactive, whoever meets it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.clock import KZ, FrozenClock
from bot.digest import DigestService
from bot.events.notifier import EventNotifier
from bot.factory import Overrides
from db.models import EventNotice
from tests.support.app import RunningApp, running_app
from tests.support.chat import pick_language
from tests.support.delivery import active, outbox, populate, queue_post, reachable, sender, wait_done
from tests.support.events import add_answer, add_school_event
from tests.support.org_tree import SCHOOL, add_tree, grant
from tests.support.small_plan import small_catalogue

CONFLICT = "Conflict: something the same request would meet again"
MONDAY = datetime(2026, 12, 7, 12, 0, tzinfo=KZ)
DIGEST_DUE = datetime(2026, 12, 7, 9, 1, tzinfo=KZ)  # a minute past the weekly digest's Monday 09:00


async def test_broadcast_fails_an_unknown_answer_and_drops_an_invalid_peer(app: RunningApp) -> None:
    reachable(app.emu, 6001, "kk")
    reachable(app.emu, 6002, "ru")
    await populate(app, {6001: "kk", 6002: "ru"})
    sender(app).retry_base = 0.2
    app.emu.inject_fault("sendMessage", 409, chat_id=6001, description=CONFLICT)
    app.emu.inject_fault("sendMessage", 400, chat_id=6002, description="Bad Request: PEER_ID_INVALID")
    post_id, _ = await queue_post(app)
    await wait_done(app, post_id)
    rows = {chat_id: (r.status, r.attempts) for chat_id, r in (await outbox(app, post_id)).items()}
    assert rows == {6001: ("failed", 1), 6002: ("blocked", 1)}
    assert await active(app, 6001) and not await active(app, 6002)


async def test_event_notice_fails_an_unknown_answer_at_once_like_a_broadcast(database_url: str) -> None:
    clock = FrozenClock(MONDAY)
    async with running_app(database_url, Overrides(clock=clock)) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        kk, ru = app.emu.user(6101), app.emu.user(6102)
        await pick_language(kk, "kk")
        await pick_language(ru, "ru")
        event_id = await add_school_event(sm, datetime(2026, 12, 12, 18, 0, tzinfo=KZ))
        await add_answer(sm, event_id, 6101, "going", MONDAY)
        await add_answer(sm, event_id, 6102, "going", MONDAY)
        notifier: EventNotifier = app.dp["event_notifier"]
        clock._now = datetime(2026, 12, 9, 18, 0, tzinfo=KZ)  # the 3-day reminders
        app.emu.inject_fault("sendMessage", 409, chat_id=6101, description=CONFLICT)
        ru.deactivate()
        assert await notifier.run_once(clock.now()) == 0
        async with app.dp["sessionmaker"]() as session:
            rows = {
                r.user_id: (r.status, r.attempts)
                for r in await session.scalars(select(EventNotice).where(EventNotice.event_id == event_id))
            }
        # Not postponed for another try: the same request would meet the same answer.
        assert rows == {6101: ("failed", 0), 6102: ("blocked", 0)}
        assert await active(app, 6101) and not await active(app, 6102)


async def test_a_digest_to_a_deleted_account_makes_the_person_inactive(database_url: str) -> None:
    clock = FrozenClock(DIGEST_DUE)
    async with running_app(database_url, Overrides(clock=clock, catalogue=small_catalogue())) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        staying, leaving = app.emu.user(6201), app.emu.user(6202)
        await pick_language(staying, "ru")
        await pick_language(leaving, "kk")
        await grant(sm, 6201, "psychologist", SCHOOL)
        await grant(sm, 6202, "psychologist", SCHOOL)
        leaving.deactivate()
        digests: DigestService = app.dp["digests"]
        with app.dp["i18n"].context():
            assert await digests.run_once(clock.now()) == 1
        assert "сводка недели" in (await staying.next_message())["text"]
        assert await active(app, 6201) and not await active(app, 6202)
