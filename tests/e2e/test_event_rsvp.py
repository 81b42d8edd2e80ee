"""Parents answer Family Hour invitations: come / can't come, the waiting list, the calendar file, and
their events on /familyhour. Events are put straight into the database (staff create them with /event)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import icalendar
import pytest
from sqlalchemy import func, select, update

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from bot.views.event_buttons import EventAction, EventCb
from db.models import Event, EventAnswer, EventNotice
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_with, pick_language
from tests.support.org_tree import DISTRICT, OTHER_SCHOOL, SCHOOL, SCHOOL_2, add_parent, add_tree

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=KZ)  # a Wednesday
STARTS = datetime(2026, 12, 5, 18, 0, tzinfo=KZ)  # the Saturday after
TOPIC = {"kk": "Жасөспіріммен қалай сөйлесу керек", "ru": "Как говорить с подростком"}

GOING_TOAST = {"kk": "Рақмет! Сізді күтеміз.", "ru": "Спасибо! Ждём вас."}
SAID_GOING = {"kk": "Келетініңізді айттыңыз", "ru": "Вы ответили, что придёте"}
SAID_NOT_GOING = {"kk": "Келе алмайтыныңызды айттыңыз", "ru": "Вы ответили, что не сможете прийти"}
REMINDERS = {
    "kk": "Екі рет еске саламыз: кездесудің басталуына 3 күн қалғанда және 2 сағат қалғанда.",
    "ru": "Мы напомним дважды: за 3 дня и за 2 часа до начала.",
}
GONE = {
    "kk": "Бұл кездесу өтпейді немесе енді қолжетімсіз.",
    "ru": "Эта встреча отменена или больше недоступна.",
}


async def add_event(app: RunningApp, **fields: Any) -> int:
    values: dict[str, Any] = {
        "kind": "family_hour",
        "organiser_id": 1,
        "scope_code": SCHOOL,
        "audience": {"orgs": None, "grades": ["5"]},
        "topic_kk": TOPIC["kk"],
        "topic_ru": TOPIC["ru"],
        "place": "Мектеп акт залы",
        "starts_at": STARTS,
        "duration_min": 60,
        "capacity": None,
        "status": "scheduled",
        "created_at": NOW,
    }
    values.update(fields)
    async with app.dp["sessionmaker"]() as session:
        event = Event(**values)
        session.add(event)
        await session.commit()
        return event.id


async def parent(app: RunningApp, user_id: int, locale: str, *subscriptions: tuple[str, str]) -> Any:
    user = app.emu.user(user_id)
    await pick_language(user, locale)
    await add_parent(app.dp["sessionmaker"], user_id, locale, *subscriptions)
    return user


async def familyhour(user: Any, listed: bool = True) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """/familyhour: the page, and the list of the parent's events when there is one. Anything else the bot
    sends meanwhile (the notifier's reminders, once it runs) is passed over."""
    await user.send("/familyhour")
    page = await next_with(user, "«Отбасы сағаты»")
    if not listed:
        await user.expect_no_message(0.3)
        return page, None
    return page, await next_with(user, "1. ")


async def next_with(user: Any, fragment: str) -> dict[str, Any]:
    for _ in range(5):
        message = await user.next_message()
        if fragment in (message.get("text") or ""):
            return message
    raise AssertionError(f"no message with {fragment!r}")


def press_invitation(user: Any, message: dict[str, Any], event_id: int, action: EventAction) -> Any:
    """A press on the announcement's buttons (the same callback data, on a message in the parent's chat)."""
    return user.press_data(message, EventCb(event_id=event_id, action=action).pack())


async def answers(app: RunningApp, event_id: int) -> dict[int, str]:
    async with app.dp["sessionmaker"]() as session:
        rows = await session.execute(
            select(EventAnswer.user_id, EventAnswer.answer).where(EventAnswer.event_id == event_id)
        )
        return {user_id: answer for user_id, answer in rows}


@pytest.fixture
async def app(database_url: str) -> Any:
    async with running_app(database_url, Overrides(clock=FrozenClock(NOW))) as running:
        await add_tree(running.dp["sessionmaker"])
        yield running


async def test_parents_answer_in_kazakh_and_russian(app: RunningApp) -> None:
    event_id = await add_event(app)
    for user_id, locale in ((7101, "kk"), (7102, "ru")):
        user = await parent(app, user_id, locale, (SCHOOL, "5"))
        _, listing = await familyhour(user)
        assert listing is not None and TOPIC[locale] in listing["text"]
        edits = len(app.emu.calls_to("editMessageText"))

        toast = await press_invitation(user, listing, event_id, EventAction.GOING)
        assert toast["text"] == GOING_TOAST[locale]
        confirmation = await user.next_message()
        assert confirmation["text"].startswith("✅ " + SAID_GOING[locale])
        assert TOPIC[locale] in confirmation["text"] and "Мектеп акт залы" in confirmation["text"]
        assert REMINDERS[locale] in confirmation["text"]
        when = {"kk": "2026 жылғы 5 желтоқсан, сенбі, 18:00", "ru": "суббота, 5 декабря 2026\u202fг., 18:00"}
        assert when[locale] in confirmation["text"]
        button_with(confirmation, "📅")

        again = await press_invitation(user, listing, event_id, EventAction.GOING)
        assert (
            again["text"]
            == {
                "kk": "Келетініңізді бұрын да айтқансыз. Сізді күтеміз!",
                "ru": "Вы уже ответили, что придёте. Ждём вас!",
            }[locale]
        )
        await user.expect_no_message(0.3)

        toast = await press_invitation(user, listing, event_id, EventAction.NOT_GOING)
        assert toast["text"] == {"kk": "Хабарлағаныңызға рақмет.", "ru": "Спасибо, что предупредили."}[locale]
        confirmation = await user.next_message()
        assert confirmation["text"].startswith("✖️ " + SAID_NOT_GOING[locale])
        assert {"kk": "«Барамын»", "ru": "«Приду»"}[locale] in confirmation["text"]
        assert REMINDERS[locale] not in confirmation["text"]
        # The message under which they pressed is left alone: an announcement is shared by many.
        assert len(app.emu.calls_to("editMessageText")) == edits
    assert await answers(app, event_id) == {7101: "not_going", 7102: "not_going"}
    assert app.emu.rejections == []


async def test_a_full_event_keeps_a_waiting_list(app: RunningApp) -> None:
    event_id = await add_event(app, capacity=1)
    first = await parent(app, 7201, "kk", (SCHOOL, "5"))
    second = await parent(app, 7202, "ru", (SCHOOL, "5"))
    third = await parent(app, 7203, "ru", (SCHOOL, "5"))
    listings = {user.id: user.messages[0] for user in (first, second, third)}

    assert (await press_invitation(first, listings[7201], event_id, EventAction.GOING))[
        "text"
    ] == GOING_TOAST["kk"]
    await first.next_message()
    toast = await press_invitation(second, listings[7202], event_id, EventAction.GOING)
    assert toast["text"] == "Все места заняты: вы в листе ожидания, ваше место — 1."
    waiting = await second.next_message()
    assert waiting["text"].startswith("⏳ Вы в листе ожидания, ваше место — 1")
    assert "Если место освободится, оно достанется вам" in waiting["text"]
    toast = await press_invitation(third, listings[7203], event_id, EventAction.GOING)
    assert toast["text"] == "Все места заняты: вы в листе ожидания, ваше место — 2."
    await third.next_message()
    # Pressing again keeps the place in the queue.
    toast = await press_invitation(second, listings[7202], event_id, EventAction.GOING)
    assert toast["text"] == "Все места заняты: вы в листе ожидания, ваше место — 1."

    await press_invitation(first, listings[7201], event_id, EventAction.NOT_GOING)
    await first.next_message()
    assert await answers(app, event_id) == {7201: "not_going", 7202: "going", 7203: "waiting"}
    async with app.dp["sessionmaker"]() as session:
        notices = (
            await session.execute(select(EventNotice).where(EventNotice.event_id == event_id))
        ).scalars()
        # Pending, unless the notifier (when it runs) has already taken it.
        assert [(n.user_id, n.kind, n.status in {"pending", "claimed", "sent"}) for n in notices] == [
            (7202, "promoted", True)
        ]

    # The third parent now waits first in line, and /familyhour says so.
    _, listing = await familyhour(third)
    assert "⏳ Вы в листе ожидания, ваше место — 1" in listing["text"]
    assert app.emu.rejections == []


async def test_stale_forged_past_and_uninvited_presses(app: RunningApp) -> None:
    event_id = await add_event(app)
    cancelled = await add_event(app, status="cancelled")
    past = await add_event(app, starts_at=NOW - timedelta(hours=1))
    area = await add_event(app, scope_code=DISTRICT, audience={"orgs": None, "grades": None})
    kk = await parent(app, 7301, "kk", (SCHOOL, "5"))
    elsewhere = await parent(app, 7302, "ru", (OTHER_SCHOOL, "5"), (SCHOOL, "7"))
    neighbour = await parent(app, 7303, "ru", (SCHOOL_2, "9"))
    page = kk.messages[0]

    for forged in (999_999, cancelled):
        answer = await press_invitation(kk, page, forged, EventAction.GOING)
        assert answer["text"] == GONE["kk"] and answer["show_alert"]
    answer = await press_invitation(kk, page, past, EventAction.NOT_GOING)
    assert answer["text"] == "Бұл кездесу өтіп кетті."
    assert (await kk.press_data(page, "ev:abc:g"))["text"] == GONE["kk"]
    await kk.expect_no_message(0.2)
    # A press on a copy in a group is thanked, not counted: who pressed is not necessarily invited.
    group = app.emu.group(-100700, title="5 А", members=[kk])
    await group.send(kk, "/helplines@outreach_test_bot")
    in_group = await group.next_message()
    answer = await press_invitation(kk, in_group, event_id, EventAction.GOING)
    assert answer["text"] == "Рақмет! Жауаптар тек ботпен жеке чаттағы шақырудан есептеледі."
    await kk.expect_no_message(0.2)

    page = elsewhere.messages[0]
    answer = await press_invitation(elsewhere, page, event_id, EventAction.GOING)
    assert answer["show_alert"]
    assert answer["text"].startswith("Это приглашение для родителей: Школа № 1 (5 класс).")
    assert "/subscribe" in answer["text"]
    answer = await press_invitation(elsewhere, page, event_id, EventAction.NOT_GOING)
    assert answer["text"].startswith("Это приглашение для родителей")
    await elsewhere.expect_no_message(0.2)

    # A district-wide meeting invites the parents of every school in the district.
    page, listing = await familyhour(neighbour)
    assert listing["text"].count("«Отбасы сағаты»:") == 1
    assert (await press_invitation(neighbour, page, area, EventAction.GOING))["text"] == GOING_TOAST["ru"]
    await neighbour.next_message()
    assert await answers(app, event_id) == {}
    assert await answers(app, area) == {7303: "going"}
    assert app.emu.rejections == []


async def test_calendar_button_sends_an_ics_file(app: RunningApp) -> None:
    event_id = await add_event(app)
    user = await parent(app, 7401, "ru", (SCHOOL, "5"))
    _, listing = await familyhour(user)
    assert listing is not None
    await user.press(listing, button_with(listing, "1."))
    card = await user.wait_edit(listing)
    answer = await user.press(card, button_with(card, "📅"))
    assert "text" not in answer or not answer["text"]
    sent = await user.next_message()
    assert sent["document"]["file_name"] == "family-hour-2026-12-05.ics"
    assert sent["caption"] == "Откройте этот файл, чтобы добавить встречу в календарь телефона."
    stored = app.emu.files.get(sent["document"]["file_id"])
    assert stored is not None
    calendar = icalendar.Calendar.from_ical(stored.data)
    [vevent] = calendar.walk("VEVENT")
    assert TOPIC["ru"] in str(vevent["SUMMARY"])
    assert vevent.decoded("DTSTART") == STARTS
    assert str(vevent["UID"]).startswith(f"event-{event_id}@")
    assert app.emu.rejections == []


async def test_familyhour_lists_the_events_with_the_answer(app: RunningApp) -> None:
    loner = await parent(app, 7501, "ru")
    page, _ = await familyhour(loner, listed=False)
    assert "«Отбасы сағаты»" in page["text"]
    # Why nothing is listed comes at the top, right after the title and the next month.
    assert page["text"].split("\n\n")[2] == (
        "Чтобы видеть здесь «Отбасы сағаты» и встречи для родителей в вашей школе и отвечать на приглашения, "
        "подпишитесь на школу через /subscribe."
    )
    user = await parent(app, 7502, "kk", (SCHOOL, "5"))
    page, _ = await familyhour(user, listed=False)
    assert "Мектептеріңіз әзірге алдағы кездесулер туралы хабарламады" in page["text"]

    event_id = await add_event(app)
    later = await add_event(app, starts_at=STARTS + timedelta(days=1))
    _, listing = await familyhour(user)
    assert listing["text"].startswith("Алдағы кездесулеріңіз\n\n1. «Отбасы сағаты»: " + TOPIC["kk"])
    assert (
        "2. «Отбасы сағаты»" in listing["text"]
        and "2026 жылғы 6 желтоқсан, жексенбі, 18:00" in listing["text"]
    )
    assert listing["text"].count("❔ Сіз әлі жауап бермедіңіз") == 2
    assert button_with(listing, "1. 5 желтоқсан · «Отбасы сағаты»")

    await user.press(listing, button_with(listing, "1."))
    card = await user.wait_edit(listing)
    assert card["text"].endswith("📍 Мектеп акт залы\n\n❔ Сіз әлі жауап бермедіңіз")
    assert (await user.press(card, button_with(card, "Барамын")))["text"] == GOING_TOAST["kk"]
    card = await user.wait_edit(listing)
    assert card["text"].endswith("✅ " + SAID_GOING["kk"] + "\n" + REMINDERS["kk"])
    assert button_with(card, "✅ Барамын") and button_with(card, "📅")
    await user.expect_no_message(0.2)  # the card itself shows the answer

    await user.press(card, button_with(card, "⬅️"))
    listing = await user.wait_edit(listing)
    assert "✅ " + SAID_GOING["kk"] in listing["text"] and "❔" in listing["text"]
    await user.press(listing, button_with(listing, "2."))
    card = await user.wait_edit(listing)
    await user.press(card, button_with(card, "Бара алмаймын"))
    card = await user.wait_edit(listing)
    assert "✖️ " + SAID_NOT_GOING["kk"] in card["text"] and button_with(card, "✅ Бара алмаймын")
    # The organiser cancels it: the card says so, and offers no answers any more.
    async with app.dp["sessionmaker"]() as session:
        await session.execute(update(Event).where(Event.id == later).values(status="cancelled"))
        await session.commit()
    assert (await user.press(card, button_with(card, "Барамын")))["text"] == GONE["kk"]
    card = await user.wait_edit(listing)
    assert card["text"].endswith("❌ Бұл кездесу өтпейді")
    assert [b["text"] for row in card["reply_markup"]["inline_keyboard"] for b in row] == [
        "⬅️ Барлық кездесулерім"
    ]
    assert await answers(app, event_id) == {7502: "going"}
    assert app.emu.rejections == []


async def test_events_drop_off_after_their_day(database_url: str) -> None:
    clock = FrozenClock(NOW)
    async with running_app(database_url, Overrides(clock=clock)) as app:
        await add_tree(app.dp["sessionmaker"])
        event_id = await add_event(app)
        cancelled = await add_event(app, starts_at=STARTS + timedelta(days=1), status="cancelled")
        user = await parent(app, 7601, "ru", (SCHOOL, "5"))
        await press_invitation(user, user.messages[0], event_id, EventAction.GOING)
        await user.next_message()  # the confirmation
        async with app.dp["sessionmaker"]() as session:
            session.add(EventAnswer(event_id=cancelled, user_id=7601, answer="going", answered_at=NOW))
            await session.commit()

        clock.advance(STARTS + timedelta(hours=3) - NOW)  # the evening of the event
        _, listing = await familyhour(user)
        assert "1. «Отбасы сағаты»" in listing["text"] and "✅ " + SAID_GOING["ru"] in listing["text"]
        assert listing["text"].endswith("❌ Эта встреча отменена")
        answer = await press_invitation(user, listing, event_id, EventAction.NOT_GOING)
        assert answer["text"] == "Эта встреча уже прошла."

        clock.advance(timedelta(hours=3))  # past midnight: the event's day is over
        _, listing = await familyhour(user)
        assert "✅" not in listing["text"] and "воскресенье, 6 декабря 2026\u202fг." in listing["text"]
        assert listing["text"].count("«Отбасы сағаты»:") == 1  # the cancelled one stays for its own day
        assert await answers(app, event_id) == {7601: "going"}
        assert app.emu.rejections == []


async def test_the_main_menus_family_hour_screen_lists_the_events_too(app: RunningApp) -> None:
    user = await parent(app, 7511, "ru", (SCHOOL, "5"))
    await add_event(app)
    await user.send("/menu")
    menu = await user.next_message()
    await user.press(menu, button_with(menu, "Отбасы сағаты"))
    page = await user.wait_edit(menu)
    assert "«Отбасы сағаты»" in page["text"]
    listing = await next_with(user, "1. ")
    assert listing["text"].startswith("Ваши предстоящие встречи\n\n1. «Отбасы сағаты»: " + TOPIC["ru"])
    assert button_with(listing, "1. 5 декабря") == "1. 5 декабря · «Отбасы сағаты»"
    assert app.emu.rejections == []


async def test_forget_erases_the_parents_answers_and_notices(app: RunningApp) -> None:
    user = await parent(app, 7521, "ru", (SCHOOL, "5"))
    event_id = await add_event(app)
    _, listing = await familyhour(user)
    await press_invitation(user, listing, event_id, EventAction.GOING)
    assert await answers(app, event_id) == {7521: "going"}
    async with app.dp["sessionmaker"]() as session:
        session.add(
            EventNotice(event_id=event_id, user_id=7521, kind="remind_3d", ref="x", status="sent", due_at=NOW)
        )
        await session.commit()
    await user.send("/forget")
    ask = await next_with(user, "нельзя отменить")
    await user.press(ask, button_with(ask, "Да, удалить"))
    assert "бот вас забыл" in (await user.wait_edit(ask))["text"]
    assert await answers(app, event_id) == {}
    async with app.dp["sessionmaker"]() as session:
        assert await session.scalar(select(func.count()).select_from(EventNotice)) == 0


async def test_a_press_answered_after_telegrams_15_seconds_still_gets_its_confirmation(
    app: RunningApp, caplog: pytest.LogCaptureFixture
) -> None:
    # Under a burst a press may wait its turn longer than Telegram keeps the query: the toast is refused
    # ("query is too old"), and the parent must still get the answer saved and confirmed.
    user = await parent(app, 7531, "kk", (SCHOOL, "5"))
    event_id = await add_event(app)
    _, listing = await familyhour(user)
    app.emu.query_ttl = 0  # every toast from now on comes too late
    press_invitation(user, listing, event_id, EventAction.GOING)  # no toast will come to wait for
    confirmation = await next_with(user, SAID_GOING["kk"])
    assert REMINDERS["kk"] in confirmation["text"]
    assert await answers(app, event_id) == {7531: "going"}
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
