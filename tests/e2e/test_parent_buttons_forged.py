"""Parents' buttons carry ids from the client: «Понятно» counts only for a post this parent was sent, and
«Add to calendar» sends an event's file only to someone invited to it (issue 16, item 4)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from bot.clock import KZ
from bot.views.event_buttons import EventAction, EventCb
from db.models import Acknowledgement, AuditRecord, Event, Organisation, Post, Subscription
from tests.support.app import RunningApp
from tests.support.delivery import populate, queue_post, reachable, wait_done

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=KZ)
NOT_SENT = {"kk": "Бұл хабарландыру сізге жіберілмеген.", "ru": "Это объявление вам не отправлялось."}


async def _count(app: RunningApp, stmt: Any) -> int:
    async with app.dp["sessionmaker"]() as session:
        return int(await session.scalar(stmt) or 0)


async def _audited(app: RunningApp, action: str) -> int:
    return await _count(
        app, select(func.count()).select_from(AuditRecord).where(AuditRecord.action == action)
    )


async def _other_school(app: RunningApp) -> None:
    async with app.dp["sessionmaker"]() as s:
        s.add(
            Organisation(code="S2", kind="school", parent_code="D1", name_kk="№2 мектеп", name_ru="Школа №2")
        )
        await s.commit()


async def test_acknowledgement_counts_only_for_a_post_sent_to_this_parent(app: RunningApp) -> None:
    reader = reachable(app.emu, 3501, "ru")
    outsider = reachable(app.emu, 3502, "kk")
    await populate(app, {3501: "ru"})
    await _other_school(app)
    await populate(app, {3502: "kk"}, school="S2")
    post_id, _ = await queue_post(app)  # to S1 only
    got = await reader.next_message()
    await wait_done(app, post_id)
    await outsider.send("/start")
    menu = await outsider.next_message()

    answer = await outsider.press_data(menu, f"ack:{post_id}")
    assert answer["text"] == NOT_SENT["kk"]
    assert (await reader.press(got, "Понятно"))["text"] == "Спасибо! Отметили, что вы прочитали."
    ackers = await _count(app, select(Acknowledgement.user_id).where(Acknowledgement.post_id == post_id))
    assert ackers == 3501
    assert await _count(app, select(func.count()).select_from(Acknowledgement)) == 1
    assert await _audited(app, "ack.forged") == 1
    assert app.emu.rejections == []


async def test_acknowledgement_refusal_in_russian(app: RunningApp) -> None:
    reader = reachable(app.emu, 3511, "kk")
    await populate(app, {3511: "kk"})
    post_id, _ = await queue_post(app)
    await reader.next_message()
    await wait_done(app, post_id)
    stranger = app.emu.user(3512, language_code="ru")
    await stranger.send("/start")
    menu = await stranger.next_message()
    answer = await stranger.press_data(menu, f"ack:{post_id}")
    assert answer["text"] == NOT_SENT["ru"]
    assert await _count(app, select(func.count()).select_from(Acknowledgement)) == 0
    assert await _audited(app, "ack.forged") == 1


async def _event(app: RunningApp, scope: str, grades: list[str]) -> int:
    async with app.dp["sessionmaker"]() as s:
        event = Event(
            kind="family_hour",
            organiser_id=1,
            scope_code=scope,
            audience={"orgs": None, "grades": grades},
            topic_kk="Жасөспіріммен сөйлесу",
            topic_ru="Разговор с подростком",
            place="https://example.org/private-room",
            starts_at=datetime.now(KZ).replace(microsecond=0) + timedelta(days=3),
            duration_min=60,
            capacity=None,
            status="scheduled",
            created_at=NOW,
        )
        s.add(event)
        await s.commit()
        return event.id


async def test_calendar_file_goes_only_to_those_invited(app: RunningApp) -> None:
    await populate(app, {3601: "ru"})
    await _other_school(app)
    await populate(app, {3602: "kk", 3603: "ru"}, school="S2")
    event_id = await _event(app, "S1", ["5"])
    invited, outsider_kk, outsider_ru = (app.emu.user(i) for i in (3601, 3602, 3603))
    for user in (invited, outsider_kk, outsider_ru):
        await user.send("/start")
    menus = {user.id: await user.next_message() for user in (invited, outsider_kk, outsider_ru)}
    data = EventCb(event_id=event_id, action=EventAction.CALENDAR).pack()

    for user, fragment in ((outsider_kk, "ата-аналарға арналған"), (outsider_ru, "для родителей")):
        answer = await user.press_data(menus[user.id], data)
        assert answer["show_alert"] and fragment in answer["text"]
        await user.expect_no_message(0.3)
    assert await _audited(app, "calendar.forged") == 2
    assert not [
        c for c in app.emu.calls_to("sendDocument") if str(c.params.get("chat_id")) in ("3602", "3603")
    ]

    await invited.press_data(menus[3601], data)
    sent = await invited.next_message()
    assert sent["document"]["file_name"].endswith(".ics")
    assert app.emu.rejections == []


async def test_calendar_file_for_a_parent_the_announcement_reached(app: RunningApp) -> None:
    """A parent who got the announcement keeps its calendar button after leaving the school."""
    reader = reachable(app.emu, 3701, "ru")
    await populate(app, {3701: "ru"})
    event_id = await _event(app, "S1", ["5"])
    post_id, _ = await queue_post(app)
    async with app.dp["sessionmaker"]() as s:
        post = await s.get(Post, post_id)
        assert post is not None
        post.event_id = event_id
        await s.commit()
    got = await reader.next_message()
    await wait_done(app, post_id)
    async with app.dp["sessionmaker"]() as s:
        for row in (await s.scalars(select(Subscription).where(Subscription.user_id == 3701))).all():
            await s.delete(row)
        await s.commit()
    await reader.press_data(got, EventCb(event_id=event_id, action=EventAction.CALENDAR).pack())
    sent = await reader.next_message()
    assert sent["document"]["file_name"].endswith(".ics")
