"""/post's summary has ✏️ Change: one part of the draft (a text, the grades, the time) is asked again, its
question saying what is there now, and the bot goes straight back to a fresh preview and summary with the
rest of the draft kept. Confirm still saves once; an old Change, or a forged one, changes nothing."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from db.models import AuditRecord, Post
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, button_with, next_with, pick_language
from tests.support.org_tree import DISTRICT, SCHOOL, add_parent, add_tree, grant
from tests.support.post_wizard import write_post
from tests.support.restarts import bot_process, quiet_emulator

PSY, STRANGER, COORD, COORD_2 = 8901, 8902, 8903, 8904
KK = "Ертең ата-аналар жиналысы болады."
RU_OLD, RU_NEW = "Завтра родительское собраниеее.", "Завтра родительское собрание в актовом зале."
WORDS = {
    "kk": {
        "all": "Барлық сыныптар",
        "done": "Дайын",
        "normal": "Кәдімгі",
        "now": "Қазір",
        "later": "Белгіленген уақытта",
        "summary": "тексеріңіз",
        "confirm": "Растау",
        "confirmed": "Расталды",
        "change": "Өзгерту",
        "kk": "Қазақша мәтін",
        "ru": "Орысша мәтін",
        "to": "Алушылар",
        "media": "Тіркеме",
        "mode": "Режим",
        "time": "Жіберу уақыты",
        "back": "Артқа",
        "text_now": "Қазіргі мәтін:",
        "currently": "Ағымдағы мәні: қазір",
        "grade": "{}-сынып",
        "over": "Бұл қадам аяқталды",
        "menu": "Нені өзгерткіңіз келеді?",
    },
    "ru": {
        "all": "Все классы",
        "done": "Готово",
        "normal": "Обычный",
        "now": "Сейчас",
        "later": "В назначенное время",
        "summary": "Проверьте",
        "confirm": "Подтвердить",
        "confirmed": "Подтверждено",
        "change": "Изменить",
        "kk": "Текст на казахском",
        "ru": "Текст на русском",
        "to": "Получатели",
        "media": "Вложение",
        "mode": "Режим",
        "time": "Время отправки",
        "back": "Назад",
        "text_now": "Текущий текст:",
        "currently": "Текущее значение: сейчас",
        "grade": "{} класс",
        "over": "Этот шаг уже завершён",
        "menu": "Что вы хотите изменить?",
    },
}

# The header of a part asked again from the summary: the wizard's name, then the part being changed.
CHANGING = {"kk": "Жаңа хабарландыру · ✏️ Өзгерту: {}", "ru": "Новое объявление · ✏️ Изменение: {}"}
STEP_NUMBER = re.compile(r"\d+/\d+-қадам|шаг \d+ из \d+")


async def _count(app: RunningApp, model: type, *where: Any) -> int:
    async with app.dp["sessionmaker"]() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def _posts(app: RunningApp) -> list[Post]:
    async with app.dp["sessionmaker"]() as session:
        return list((await session.scalars(select(Post))).all())


async def _author(app: RunningApp, locale: str) -> Any:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, PSY, "psychologist", SCHOOL)
    psy = app.emu.user(PSY)
    await pick_language(psy, locale)
    return psy


async def _parent(app: RunningApp, user_id: int, locale: str, grade: str) -> Any:
    parent = app.emu.user(user_id)
    await pick_language(parent, locale)
    await add_parent(app.dp["sessionmaker"], user_id, locale, (SCHOOL, grade))
    return parent


async def _summary(psy: Any, locale: str, grade: str | None = None, ru: str = RU_OLD) -> dict:
    """/post to the author's school (one grade, or all of them), normal, now: the summary."""
    w = WORDS[locale]
    await write_post(psy, KK, ru)
    grades = await psy.next_message()
    if grade is not None:
        await psy.press(grades, button_with(grades, w["grade"].format(grade)))
        grades = await psy.wait_edit(grades)
        await psy.press(grades, button_with(grades, w["done"]))
    else:
        await psy.press(grades, button_with(grades, w["all"]))
    urgency = await psy.wait_edit(grades)
    await psy.press(urgency, button_with(urgency, w["normal"]))
    when = await psy.wait_edit(urgency)
    await psy.press(when, button_with(when, w["now"]))
    return await next_with(psy, w["summary"])


async def _open(psy: Any, summary: dict, locale: str, part: str) -> dict:
    """✏️ Change on `summary`, then the part: its question, in place of the menu."""
    w = WORDS[locale]
    await psy.press(summary, button_with(summary, w["change"]))
    menu = await psy.wait_edit(summary)
    assert w["menu"] in menu["text"]
    await psy.press(menu, button_with(menu, w[part]))
    return await psy.wait_edit(menu)


async def _until_summary(psy: Any, locale: str) -> tuple[list[dict], dict]:
    """The messages up to the next summary (the preview), and the summary."""
    seen = []
    for _ in range(8):
        message = await psy.next_message()
        if WORDS[locale]["summary"] in (message.get("text") or ""):
            return seen, message
        seen.append(message)
    raise AssertionError("no summary")


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_change_the_russian_text_from_the_summary(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    psy = await _author(app, locale)
    parent_kk = await _parent(app, 8911, "kk", "5")
    parent_ru = await _parent(app, 8912, "ru", "5")
    summary = await _summary(psy, locale)

    question = await _open(psy, summary, locale, "ru")
    assert w["text_now"] in question["text"] and RU_OLD in question["text"]  # what is there now
    assert any(w["back"] in label for label in button_texts(question))
    await psy.send(RU_NEW)
    preview, fresh = await _until_summary(psy, locale)  # straight back: no attachment, grades, mode, time
    texts = " ".join(m.get("text") or "" for m in preview)
    assert RU_NEW in texts and KK in texts and RU_OLD not in texts
    assert button_with(fresh, w["confirm"]) and button_with(fresh, w["change"])

    await psy.press(fresh, button_with(fresh, w["confirm"]))
    await psy.press(fresh, button_with(fresh, w["confirm"]))  # a double tap
    # The preview and the summary spent this chat's burst: its replies now come at Telegram's 1/s. The sender
    # may already have turned the confirmation into its delivery report: next_with reads it as sent.
    await next_with(psy, w["confirmed"], timeout=15)
    got_ru = await next_with(parent_ru, "актовом зале")
    assert got_ru["text"].count(RU_NEW) == 1
    assert KK in (await next_with(parent_kk, "жиналысы"))["text"]
    await parent_ru.expect_no_message(0.5)
    [post] = await _posts(app)
    assert (post.text_kk, post.text_ru) == (KK, RU_NEW)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_change_the_grades_from_the_summary(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    psy = await _author(app, locale)
    fifth = await _parent(app, 8921, locale, "5")
    seventh = await _parent(app, 8922, locale, "7")
    summary = await _summary(psy, locale, grade="5")
    assert w["grade"].format("5") in summary["text"]

    grades = await _open(psy, summary, locale, "to")
    assert "☑️ " + w["grade"].format("5") in button_texts(grades)  # ticked as it is now
    await psy.press(grades, button_with(grades, w["grade"].format("5")))
    grades = await psy.wait_edit(grades)
    await psy.press(grades, button_with(grades, w["grade"].format("7")))
    grades = await psy.wait_edit(grades)
    await psy.press(grades, button_with(grades, w["done"]))
    _, fresh = await _until_summary(psy, locale)
    assert w["grade"].format("7") in fresh["text"] and w["grade"].format("5") not in fresh["text"]
    assert w["now"].lower() in fresh["text"].lower()  # the time and the rest are kept

    await psy.press(fresh, button_with(fresh, w["confirm"]))
    await next_with(psy, w["confirmed"])
    await next_with(seventh, "жиналысы" if locale == "kk" else "собраниеее")
    await fifth.expect_no_message(0.5)
    [post] = await _posts(app)
    assert post.audience["grades"] == ["7"] and (post.text_kk, post.text_ru) == (KK, RU_OLD)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_change_the_time_to_a_set_time(database_url: str, locale: str) -> None:
    w = WORDS[locale]
    clock = FrozenClock(datetime(2026, 12, 2, 12, 0, tzinfo=KZ))
    async with running_app(database_url, Overrides(clock=clock)) as app:
        psy = await _author(app, locale)
        summary = await _summary(psy, locale)
        when = await _open(psy, summary, locale, "time")
        assert w["currently"] in when["text"]
        await psy.press(when, button_with(when, w["later"]))
        await psy.wait_edit(when)
        await psy.send("03.12.2026 15:30")  # Kazakhstan time
        _, fresh = await _until_summary(psy, locale)
        assert "15:30" in fresh["text"]
        await psy.press(fresh, button_with(fresh, w["confirm"]))
        await next_with(psy, w["confirmed"])
        [post] = await _posts(app)
        send_at = post.send_at if post.send_at.tzinfo else post.send_at.replace(tzinfo=UTC)
        assert send_at == datetime(2026, 12, 3, 15, 30, tzinfo=KZ)
        assert (post.text_kk, post.text_ru, post.status) == (KK, RU_OLD, "scheduled")
        assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_old_change_button_changes_nothing(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    psy = await _author(app, locale)
    summary = await _summary(psy, locale)
    # The menu's Back: the same summary again, still confirmable.
    await psy.press(summary, button_with(summary, w["change"]))
    menu = await psy.wait_edit(summary)
    await psy.press(menu, button_with(menu, w["back"]))
    summary = await psy.wait_edit(menu)
    assert w["summary"] in summary["text"] and button_with(summary, w["confirm"])

    await _open(psy, summary, locale, "ru")
    await psy.send(RU_NEW)
    _, fresh = await _until_summary(psy, locale)
    # Change of the older summary (its message now the question) while the fresh one waits: a step over.
    old = await psy.press_data(summary, "pst:em:")
    assert w["over"] in old["text"]
    await psy.press(fresh, button_with(fresh, w["confirm"]))
    await next_with(psy, w["confirmed"])
    for message, data in ((summary, "pst:em:"), (fresh, "pst:em:"), (fresh, "pst:ep:ru"), (fresh, "pst:es:")):
        answer = await psy.press_data(message, data)
        assert w["over"] in answer["text"]
    await psy.expect_no_message(0.5)
    [post] = await _posts(app)
    assert post.text_ru == RU_NEW
    assert await _count(app, AuditRecord, AuditRecord.action == "post.stale") == 5
    assert app.emu.rejections == []


async def test_forged_change_presses_are_refused(app: RunningApp) -> None:
    psy = await _author(app, "ru")
    summary = await _summary(psy, "ru")
    stranger = app.emu.user(STRANGER)
    menu = await pick_language(stranger, "ru")
    for data in ("pst:em:", "pst:ep:ru"):
        refused = await stranger.press_data(menu, data)
        assert "для сотрудников" in refused["text"]
    assert await _count(app, AuditRecord, AuditRecord.action == "refused.button") == 2
    # The author's draft is untouched; a part this draft does not have is a forged press.
    await psy.press(summary, button_with(summary, "Изменить"))
    menu = await psy.wait_edit(summary)
    assert "Получатели" in " ".join(button_texts(menu))
    forged = await psy.press_data(menu, "pst:ep:zz")
    assert forged["text"] and await _count(app, AuditRecord, AuditRecord.action == "post.forged") == 1
    await psy.press(menu, button_with(menu, "Назад"))
    summary = await psy.wait_edit(menu)
    await psy.press(summary, button_with(summary, "Подтвердить"))
    await next_with(psy, "Подтверждено")
    [post] = await _posts(app)
    assert (post.text_kk, post.text_ru) == (KK, RU_OLD)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_change_the_kazakh_text_is_checked_against_the_russian(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    kk_new = "Ертең ата-аналар жиналысы мектептің мәжіліс залында өтеді."
    psy = await _author(app, locale)
    summary = await _summary(psy, locale)
    question = await _open(psy, summary, locale, "kk")
    assert KK in question["text"]
    # Russian where the Kazakh text goes: warned, as the Russian step warns, and asked again.
    await psy.send("Завтра в школе родительское собрание, приходите все вовремя.")
    warning = await psy.next_message()
    assert "⚠️" in warning["text"] and len(warning["reply_markup"]["inline_keyboard"]) == 2
    await psy.send(kk_new)
    preview, fresh = await _until_summary(psy, locale)
    texts = " ".join(m.get("text") or "" for m in preview)
    assert kk_new in texts and RU_OLD in texts and KK not in texts
    stale_keep = await psy.press_data(warning, "pst:k")  # the warning's Keep, after the summary came
    assert w["over"] in stale_keep["text"]
    await psy.press(fresh, button_with(fresh, w["confirm"]))
    await next_with(psy, w["confirmed"])
    [post] = await _posts(app)
    assert (post.text_kk, post.text_ru) == (kk_new, RU_OLD)
    assert app.emu.rejections == []


async def test_a_warned_kazakh_text_may_be_kept(app: RunningApp) -> None:
    psy = await _author(app, "kk")
    summary = await _summary(psy, "kk")
    await _open(psy, summary, "kk", "kk")
    await psy.send(RU_OLD)  # the same text as the Russian one
    warning = await psy.next_message()
    await psy.press(warning, button_with(warning, "Осы күйінде қалдыру"))
    preview, fresh = await _until_summary(psy, "kk")
    assert KK not in " ".join(m.get("text") or "" for m in preview)
    await psy.press(fresh, button_with(fresh, "Растау"))
    await next_with(psy, "Расталды")
    [post] = await _posts(app)
    assert (post.text_kk, post.text_ru) == (RU_OLD, RU_OLD)
    assert app.emu.rejections == []


async def test_a_coordinator_changes_an_area_post_to_one_school(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, COORD, "coordinator", DISTRICT)
    await grant(sm, COORD_2, "coordinator", DISTRICT)
    coord = app.emu.user(COORD)
    await pick_language(coord, "ru")
    await write_post(coord, KK, RU_OLD)
    orgs = await coord.next_message()
    await coord.press(orgs, button_with(orgs, "Всем"))
    grades = await coord.wait_edit(orgs)
    await coord.press(grades, button_with(grades, "Все классы"))
    urgency = await coord.wait_edit(grades)
    await coord.press(urgency, button_with(urgency, "Обычный"))
    when = await coord.wait_edit(urgency)
    await coord.press(when, button_with(when, "Сейчас"))
    summary = await next_with(coord, "Проверьте")
    assert "одобрит" in summary["text"]  # the whole district waits for another coordinator

    # Back at the organisations: the menu, then the same summary, the audience as it was.
    orgs = await _open(coord, summary, "ru", "to")
    await coord.press(orgs, button_with(orgs, "Школа № 1"))
    orgs = await coord.wait_edit(orgs)
    await coord.press(orgs, button_with(orgs, "Назад"))
    menu = await coord.wait_edit(orgs)
    await coord.press(menu, button_with(menu, "Назад"))
    summary = await coord.wait_edit(menu)
    assert "одобрит" in summary["text"] and "Школа № 1" not in summary["text"]

    orgs = await _open(coord, summary, "ru", "to")
    await coord.press(orgs, button_with(orgs, "Школа № 1"))
    orgs = await coord.wait_edit(orgs)
    await coord.press(orgs, button_with(orgs, "Готово"))
    grades = await coord.wait_edit(orgs)
    await coord.press(grades, button_with(grades, "Все классы"))
    _, fresh = await _until_summary(coord, "ru")
    assert "Школа № 1" in fresh["text"] and "одобрит" not in fresh["text"]
    await coord.press(fresh, button_with(fresh, "Подтвердить"))
    await next_with(coord, "Подтверждено")
    [post] = await _posts(app)
    # Queued, not waiting for an approver; the sender may already have taken it (it has no recipients).
    assert post.audience["orgs"] == [SCHOOL] and post.status in ("scheduled", "sending", "done")
    assert app.emu.rejections == []


async def test_a_change_survives_a_restart(database_url: str) -> None:
    emu = quiet_emulator()
    async with bot_process(database_url, emu) as app:
        psy = await _author(app, "ru")
        summary = await _summary(psy, "ru")
        question = await _open(psy, summary, "ru", "ru")
        await app.idle()
    async with bot_process(database_url, emu) as app:  # the draft and the change are in the FSM storage
        await psy.send(RU_NEW)
        preview, fresh = await _until_summary(psy, "ru")
        assert RU_NEW in " ".join(m.get("text") or "" for m in preview)
        assert RU_OLD in question["text"]
        await psy.press(fresh, button_with(fresh, "Подтвердить"))
        await next_with(psy, "Подтверждено")
        [post] = await _posts(app)
        assert (post.text_kk, post.text_ru) == (KK, RU_NEW)
    assert emu.rejections == []


def _head(message: dict) -> str:
    return str(message["text"]).split("\n")[0]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_part_changed_from_the_summary_is_named_in_the_header(database_url: str, locale: str) -> None:
    """Each part asked again from ✏️ Change says which part is being changed, not «step N of M» of a walk the
    author is not on: its question, a tick that redraws it, the typed time after «At a set time» and ⬅️ Back
    from it; «draft still open» after /helplines names no step either. Back to the menu, back to the
    summary, and a new /post counts its steps again."""
    # Some sixty presses and messages in a few seconds: flood control must not take them for a flood.
    async with running_app(database_url, Overrides(flood=FloodControl(limit=1000))) as app:
        await _walk_the_parts(app, locale)


async def _walk_the_parts(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    psy = await _author(app, locale)
    summary = await _summary(psy, locale, grade="5")
    for part in ("kk", "ru", "media", "to", "mode", "time"):
        head = CHANGING[locale].format(w[part])
        question = await _open(psy, summary, locale, part)
        assert _head(question) == head and not STEP_NUMBER.search(question["text"]), question["text"]
        if part == "to":  # a tick redraws the question under the same header
            await psy.press(question, button_with(question, w["grade"].format("7")))
            question = await psy.wait_edit(question)
            assert _head(question) == head
        if part == "time":
            await psy.press(question, button_with(question, w["later"]))
            typed = await psy.wait_edit(question)
            assert _head(typed) == head and not STEP_NUMBER.search(typed["text"])
            await psy.press(typed, button_with(typed, w["back"]))  # to «now or at a set time»
            question = await psy.wait_edit(typed)
            assert _head(question) == head and button_with(question, w["later"])
        await psy.send("/helplines")
        assert "111" in (await psy.next_message())["text"]
        reminder = await psy.next_message()
        assert reminder["text"].startswith("📝") and not re.search(r"\d", reminder["text"])
        await psy.press(question, button_with(question, w["back"]))
        menu = await psy.wait_edit(question)
        assert w["menu"] in menu["text"]
        await psy.press(menu, button_with(menu, w["back"]))
        summary = await psy.wait_edit(menu)
        assert w["summary"] in summary["text"] and w["grade"].format("5") in summary["text"]
    await psy.press(summary, button_with(summary, w["confirm"]))
    await next_with(psy, w["confirmed"])
    await psy.send("/post")
    assert STEP_NUMBER.search(_head(await psy.next_message()))
    [post] = await _posts(app)
    assert post.audience["grades"] == ["5"] and (post.text_kk, post.text_ru) == (KK, RU_OLD)
    assert app.emu.rejections == []
