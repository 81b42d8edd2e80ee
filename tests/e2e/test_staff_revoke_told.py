"""/staff takes a role away: the person who lost it is told, and so is the colleague whose invitation brought
them in, each in their own language (which role, where, by whom, since when; the person also what they can
still do and whom to ask). Before, neither heard anything. A person who blocked the bot is passed over and
the role is gone all the same. The remove buttons of one person holding the same role in two places say
which place each removes: they read «✖️ Снять Айгүл Серікова: школьный психолог» twice."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import select

from bot.clock import KZ, FrozenClock
from bot.content import Content
from bot.emulator import Emulator
from bot.factory import Overrides
from bot.outgoing import OutgoingLimiter
from bot.views.crisis import crisis_reply
from db.models import Invite, Organisation, StaffRole
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import button_texts, button_with, next_with, pick_language
from tests.support.org_tree import DISTRICT, SCHOOL, SCHOOL_2, add_tree, grant

COORD, PSY = 9421, 9422  # the district coordinator who invites, the psychologist invited
NOW = datetime(2027, 3, 10, 12, 0, tzinfo=KZ)
TOKEN = "revoketold1234"
WORDS = {
    "kk": {
        "yes": "Иә, алып тастау",
        "removed": "Рөл алынып тасталды.",
        "head": "Боттағы қызметкер рөліңіз алынып тасталды.",
        "role": "Рөлі: мектеп психологы",
        "place": "Ұйым: № 1 мектеп",
        "by": "Кім алып тастады: Дана Ахметова",
        "when": "Қашан: 2027 жылғы 10 наурыз, 12:00 (Қазақстан уақыты)",
        "still": "Ботты ата-ана ретінде пайдалана бересіз",
        "helplines": "(/helplines)",
        "ask": "Бұл қате деп ойласаңыз, рөлді алып тастаған қызметкерге жазыңыз: Дана Ахметова.",
        "inviter": "Сіз шақырған әріптестің рөлі алынып тасталды: Айгүл Серікова.",
        "school": "№ 1 мектеп",
        "school_2": "№ 2 мектеп",
    },
    "ru": {
        "yes": "Да, снять",
        "removed": "Роль снята.",
        "head": "Ваша роль сотрудника в боте снята.",
        "role": "Роль: школьный психолог",
        "place": "Организация: Школа № 1",
        "by": "Кто снял: Дана Ахметова",
        "when": "Когда: 10 марта 2027\u202fг., 12:00 (время Казахстана)",  # Babel: a narrow no-break space
        "still": "Вы по-прежнему можете пользоваться ботом как родитель",
        "helplines": "(/helplines)",
        "ask": "Если вы считаете это ошибкой, напишите тому, кто снял роль: Дана Ахметова.",
        "inviter": "С приглашённого вами коллеги снята роль: Айгүл Серікова.",
        "school": "Школа № 1",
        "school_2": "Школа № 2",
    },
}
LONG = "t-dis-s9"
CONTENT = Content.load()
LONG_NAME = {
    "kk": "Сынақ ауданының жалпы білім беретін № 9 мектеп-гимназиясы",
    "ru": "Общеобразовательная школа-гимназия № 9 Тестового района",
}


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    async with running_app(
        database_url, Overrides(clock=FrozenClock(NOW)), emulator=emu, limiter=limiter
    ) as running:
        await add_tree(running.dp["sessionmaker"])
        yield running


async def _invited(app: RunningApp, person_locale: str, inviter_locale: str) -> tuple[Any, Any]:
    """The coordinator's invitation (made as /invite makes it), used by the psychologist's /start link."""
    sm = app.dp["sessionmaker"]
    await grant(sm, COORD, "coordinator", DISTRICT)
    coord = app.emu.user(COORD, "Ерлан", language_code=inviter_locale)
    await pick_language(coord, inviter_locale)
    async with sm() as session:
        session.add(
            Invite(
                token=TOKEN,
                role="psychologist",
                scope_code=SCHOOL,
                created_by=COORD,
                created_at=NOW - timedelta(days=1),
                expires_at=NOW + timedelta(days=6),
            )
        )
        await session.commit()
    psy = app.emu.user(PSY, "Айгүл", last_name="Серікова", language_code=person_locale)
    await pick_language(psy, person_locale)
    await psy.send(f"/start staff_{TOKEN}")
    await psy.next_message()  # the welcome to the staff
    return coord, psy


async def _admin_revokes(app: RunningApp, locale: str) -> None:
    """The admin (no kept name: Telegram's is shown) removes the psychologist's role in /staff."""
    admin = app.emu.user(ADMIN_ID, "Дана", last_name="Ахметова", language_code=locale)
    await pick_language(admin, locale)
    await admin.send("/staff")
    listing = await admin.next_message()
    await admin.press(listing, button_with(listing, "Айгүл Серікова"))
    asked = await admin.wait_edit(listing)
    await admin.press(asked, WORDS[locale]["yes"])
    assert (await admin.wait_edit(asked))["text"] == WORDS[locale]["removed"]


async def _revoked(app: RunningApp) -> bool:
    async with app.dp["sessionmaker"]() as session:
        when = await session.scalar(select(StaffRole.revoked_at).where(StaffRole.user_id == PSY))
        return when is not None


@pytest.mark.parametrize(("person_locale", "inviter_locale"), [("kk", "ru"), ("ru", "kk")])
async def test_the_person_and_the_inviter_are_told_in_their_languages(
    app: RunningApp, person_locale: str, inviter_locale: str
) -> None:
    coord, psy = await _invited(app, person_locale, inviter_locale)
    await _admin_revokes(app, inviter_locale)

    w = WORDS[person_locale]
    told = (await next_with(psy, w["head"]))["text"]
    for part in ("role", "place", "by", "when", "still", "helplines", "ask"):
        assert w[part] in told, (part, told)

    w = WORDS[inviter_locale]
    told = (await next_with(coord, w["inviter"]))["text"]
    for part in ("role", "place", "by", "when"):
        assert w[part] in told, (part, told)
    assert WORDS[person_locale]["still"] not in told
    assert await _revoked(app)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_person_who_blocked_the_bot_does_not_stop_the_revoke(app: RunningApp, locale: str) -> None:
    coord, psy = await _invited(app, locale, locale)
    await psy.block()
    await _admin_revokes(app, locale)
    # The inviter is still told, after the word to the person failed.
    told = (await next_with(coord, WORDS[locale]["inviter"]))["text"]
    assert WORDS[locale]["by"] in told
    assert await _revoked(app)
    assert [(r.error_code, str(r.params.get("chat_id"))) for r in app.emu.rejections] == [(403, str(PSY))]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_remove_buttons_say_which_place(app: RunningApp, locale: str) -> None:
    sm = app.dp["sessionmaker"]
    async with sm() as session:
        session.add(
            Organisation(
                code=LONG,
                kind="school",
                parent_code=DISTRICT,
                name_kk=LONG_NAME["kk"],
                name_ru=LONG_NAME["ru"],
            )
        )
        await session.commit()
    await grant(sm, COORD, "coordinator", DISTRICT)
    for place in (SCHOOL, SCHOOL_2, LONG):
        await grant(sm, PSY, "psychologist", place)
    psy = app.emu.user(PSY, "Айгүл", last_name="Серікова", language_code=locale)
    await pick_language(psy, locale)
    await psy.send("/stats")  # a staff command keeps the name Telegram shows
    await psy.next_message()
    coord = app.emu.user(COORD, "Ерлан", language_code=locale)
    await pick_language(coord, locale)
    await coord.send("/staff")
    listing = await coord.next_message()
    removals = [b for row in listing["reply_markup"]["inline_keyboard"] for b in row if "Айгүл" in b["text"]]
    labels = [b["text"] for b in removals]
    assert len(labels) == 3 and len(set(labels)) == 3, labels
    w = WORDS[locale]
    assert sum(w["school"] in t for t in labels) == 1 and sum(w["school_2"] in t for t in labels) == 1, labels
    long = next(t for t in labels if w["school"] not in t and w["school_2"] not in t)
    assert "…" in long and LONG_NAME[locale] not in long, long  # shortened as paging.short does
    for b in removals:
        assert len(b["callback_data"].encode()) <= 64 and b["callback_data"].startswith("stf:r:")
    # Each button removes the place it names: its question says the same school.
    await coord.press(listing, button_with(listing, w["school_2"]))
    asked = await coord.wait_edit(listing)
    assert w["school_2"] in asked["text"] and w["school"] not in asked["text"]
    assert button_texts(asked)[0] == w["yes"]
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_draft_left_open_ends_with_the_last_role(app: RunningApp, locale: str) -> None:
    """The psychologist is at /post's text step when their only role goes. Before, the step kept their chat:
    what they typed next was taken for a notice's text, and a crisis message got no crisis reply."""
    _coord, psy = await _invited(app, locale, locale)
    await psy.send("/post")
    await psy.next_message()  # asks for the Kazakh text
    await _admin_revokes(app, locale)
    await next_with(psy, WORDS[locale]["head"])
    # The person is told before the revoke's update ends: their next message waits for the draft to go.
    storage, key = app.dp.fsm.storage, StorageKey(bot_id=app.bot.id, chat_id=PSY, user_id=PSY)
    for _ in range(100):
        if await storage.get_state(key) is None:
            break
        await asyncio.sleep(0.05)
    text = {"kk": "өзімді өлтіргім келеді", "ru": "я хочу умереть"}[locale]
    await psy.send(text)
    reply = await psy.next_message()
    assert reply["text"] == crisis_reply(CONTENT, locale, "suicide").replace("<b>", "").replace("</b>", "")
