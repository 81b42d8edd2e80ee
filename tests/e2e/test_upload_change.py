"""/upload's summary has ✏️ Change: the section (lesson topic or memo), the file or link, the language with the
titles, a memo's age group, each asked again saying what is there now, and then straight back to a fresh
summary with the rest of the draft kept; ⬅️ Back at a part's question puts the part back as it was. Every
question after the first has ⬅️ Back and ✖️ Cancel. An old or forged Change press changes nothing."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select

from bot.emulator.sample_media import PDF
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from db.models import Material
from tests.support.app import RunningApp, running_app
from tests.support.audits import audit_count
from tests.support.chat import button_texts, button_with, next_with, pick_language, press
from tests.support.org_tree import DISTRICT, add_tree, staff_member
from tests.support.restarts import bot_process, quiet_emulator

COORD, STRANGER = 8701, 8702
OLD_PDF, NEW_PDF = PDF + b"% the first file\n", PDF + b"% the second file\n"
TITLE, TITLE_2, TITLE_RU = (
    "Буллинг туралы жадынама",
    "Кибербуллинг туралы жадынама",
    "Памятка о кибербуллинге",
)
LINK = "https://example.kz/lesson"
WORDS = {
    "kk": {
        "summary": "Материалды тексеріңіз",
        "change": "Өзгерту",
        "menu": "Нені өзгерткіңіз келеді?",
        "for": "Бөлім",
        "file": "Файл немесе сілтеме",
        "titles": "Тілі мен атауы",
        "age": "Жас тобы",
        "back": "Артқа",
        "cancel": "Болдырмау",
        "confirm": "Растау",
        "saved": "Сақталды",
        "currently": "Ағымдағы мәні:",
        "over": "Бұл қадам аяқталды",
        "one": "Қазақша",
        "both": "Екі тілде де",
        "all_ages": "Барлық жасқа",
        "refused": "тіркеуге болмайды",
    },
    "ru": {
        "summary": "Проверьте материал",
        "change": "Изменить",
        "menu": "Что вы хотите изменить?",
        "for": "Раздел",
        "file": "Файл или ссылка",
        "titles": "Язык и название",
        "age": "Возрастная группа",
        "back": "Назад",
        "cancel": "Отмена",
        "confirm": "Подтвердить",
        "saved": "Сохранено",
        "currently": "Текущее значение:",
        "over": "Этот шаг уже завершён",
        "one": "Русский",
        "both": "На обоих языках",
        "all_ages": "Для всех возрастов",
        "refused": "прикреплять нельзя",
    },
}


@pytest.fixture
async def roomy_app(database_url: str) -> AsyncIterator[RunningApp]:
    """The bot without flood control: a test walking every question and every Back presses faster and more
    often than the 20 updates in 10 seconds a person gets."""
    async with running_app(database_url, Overrides(flood=FloodControl(limit=10**9))) as running:
        yield running


async def _materials(app: RunningApp) -> list[Material]:
    async with app.dp["sessionmaker"]() as session:
        return list(await session.scalars(select(Material).order_by(Material.id)))


async def _coordinator(app: RunningApp, locale: str) -> Any:
    await add_tree(app.dp["sessionmaker"])
    return await staff_member(app, COORD, "coordinator", DISTRICT, locale)


def _has_back_and_cancel(message: dict, locale: str) -> bool:
    labels = " ".join(button_texts(message))
    return WORDS[locale]["back"] in labels and WORDS[locale]["cancel"] in labels


async def _lesson_summary(app: RunningApp, staff: Any, locale: str) -> dict:
    """/upload → lesson → 5–9 → «Буллинг» → a PDF → one language → a typed title: the summary."""
    w, content = WORDS[locale], app.dp["content"]
    await staff.send("/upload")
    start = await staff.next_message()
    groups = await press(staff, start, "📚")
    topics = await press(staff, groups, content.age_group("grades_5_9").get(locale).title)
    await press(staff, topics, content.topic("bullying")[1].get(locale).title)
    await staff.send_document(file_name="Буллинг 5-9.pdf", data=OLD_PDF, mime_type="application/pdf")
    language = await staff.next_message()
    await press(staff, language, w["one"])
    await staff.send(TITLE)
    return await next_with(staff, w["summary"])


async def _memo_summary(app: RunningApp, staff: Any, locale: str) -> dict:
    """/upload → memo → «Интернеттегі қауіпсіздік» → «Кибербуллинг» → a PDF → one language → a title → 5–9."""
    w, content = WORDS[locale], app.dp["content"]
    await staff.send("/upload")
    start = await staff.next_message()
    categories = await press(staff, start, "📝")
    memos = await press(staff, categories, content.category("safety_online").title(locale))
    await press(staff, memos, content.memo("cyberbullying").get(locale).title[:20])
    await staff.send_document(file_name="Кибербуллинг.pdf", data=OLD_PDF, mime_type="application/pdf")
    language = await staff.next_message()
    await press(staff, language, w["one"])
    await staff.send(TITLE)
    age = await staff.next_message()
    await staff.press(age, button_with(age, content.age_group("grades_5_9").get(locale).title))
    return await staff.wait_edit(age)


async def _open(staff: Any, summary: dict, locale: str, part: str) -> dict:
    """✏️ Change on `summary`, then the part: its first question, in place of the menu."""
    w = WORDS[locale]
    menu = await press(staff, summary, w["change"])
    assert w["menu"] in menu["text"]
    return await press(staff, menu, w[part])


async def _confirm(staff: Any, summary: dict, locale: str) -> None:
    await staff.press(summary, button_with(summary, WORDS[locale]["confirm"]))
    await next_with(staff, WORDS[locale]["saved"])


@pytest.mark.parametrize(("locale", "new"), [("kk", "document"), ("ru", "link"), ("kk", "link")])
async def test_change_the_file_keeps_the_rest(app: RunningApp, locale: str, new: str) -> None:
    w = WORDS[locale]
    staff = await _coordinator(app, locale)
    summary = await _lesson_summary(app, staff, locale)
    menu = await press(staff, summary, w["change"])
    labels = " ".join(button_texts(menu))
    assert w["for"] in labels and w["file"] in labels and w["titles"] in labels
    assert w["age"] not in labels  # a lesson topic has its age group
    question = await press(staff, menu, w["file"])
    assert w["currently"] in question["text"] and "Буллинг 5-9.pdf" in question["text"]
    assert _has_back_and_cancel(question, locale)
    # A refused file leaves the change where it was.
    await staff.send_document(file_name="setup.exe", data=b"MZ\x90\x00", mime_type="application/x-msdownload")
    assert w["refused"] in (await staff.next_message())["text"]
    if new == "document":
        await staff.send_document(file_name="Жаңа нұсқа.pdf", data=NEW_PDF, mime_type="application/pdf")
    else:
        await staff.send(LINK)
    fresh = await staff.next_message()  # straight back: no language, no title asked
    assert w["summary"] in fresh["text"] and TITLE in fresh["text"]
    assert ("Жаңа нұсқа.pdf" if new == "document" else LINK) in fresh["text"]
    assert "Буллинг 5-9.pdf" not in fresh["text"]
    assert button_with(fresh, w["change"])
    await _confirm(staff, fresh, locale)
    [material] = await _materials(app)
    assert (material.title, material.language, material.slug, material.age_group) == (
        TITLE,
        "kk" if locale == "kk" else "ru",
        "bullying",
        "grades_5_9",
    )
    if new == "document":
        assert material.file_name == "Жаңа нұсқа.pdf"
        assert material.checksum == hashlib.sha256(NEW_PDF).hexdigest()
    else:
        assert (material.url, material.file_id, material.checksum) == (LINK, None, None)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_change_the_language_and_titles_of_a_memo(app: RunningApp, locale: str) -> None:
    w, content = WORDS[locale], app.dp["content"]
    staff = await _coordinator(app, locale)
    summary = await _memo_summary(app, staff, locale)
    menu = await press(staff, summary, w["change"])
    assert w["age"] in " ".join(button_texts(menu))  # a memo's age group may be changed
    summary = await _back_to_summary(staff, menu, locale)

    language = await _open(staff, summary, locale, "titles")
    assert w["currently"] in language["text"] and TITLE in language["text"]
    title = await press(staff, language, w["both"])
    assert _has_back_and_cancel(title, locale)
    await staff.send(TITLE_2)
    title_ru = await staff.next_message()
    assert _has_back_and_cancel(title_ru, locale)
    await staff.send(TITLE_RU)
    fresh = await next_with(staff, w["summary"], limit=2)  # no age asked: it stays
    assert TITLE_2 in fresh["text"] and TITLE_RU in fresh["text"] and TITLE not in fresh["text"]
    assert content.age_group("grades_5_9").get(locale).title.lower() in fresh["text"].lower()
    await _confirm(staff, fresh, locale)
    [material] = await _materials(app)
    assert (material.language, material.title, material.title_ru) == ("both", TITLE_2, TITLE_RU)
    assert (material.target, material.slug, material.age_group) == ("memo", "cyberbullying", "grades_5_9")
    assert material.file_name == "Кибербуллинг.pdf"
    assert app.emu.rejections == []


async def _back_to_summary(staff: Any, menu_message: dict, locale: str) -> dict:
    """The menu's ⬅️ Back: the summary again on the same message."""
    return await press(staff, menu_message, WORDS[locale]["back"])


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_change_a_lesson_topic_into_a_memo(app: RunningApp, locale: str) -> None:
    w, content = WORDS[locale], app.dp["content"]
    staff = await _coordinator(app, locale)
    summary = await _lesson_summary(app, staff, locale)
    target = await _open(staff, summary, locale, "for")
    assert (
        w["currently"] in target["text"] and content.topic("bullying")[1].get(locale).title in target["text"]
    )
    assert _has_back_and_cancel(target, locale)
    assert not any("📥" in label for label in button_texts(target))  # review waits outside a change
    categories = await press(staff, target, "📝")
    target = await press(staff, categories, w["back"])  # Back within the part: its first question
    categories = await press(staff, target, "📝")
    memos = await press(staff, categories, content.category("safety_online").title(locale))
    age = await press(staff, memos, content.memo("cyberbullying").get(locale).title[:20])
    # A lesson topic has no age of its own to keep as a memo's: asked.
    assert _has_back_and_cancel(age, locale)
    await staff.press(age, button_with(age, w["all_ages"]))
    fresh = await staff.wait_edit(age)
    assert w["summary"] in fresh["text"] and TITLE in fresh["text"] and "Буллинг 5-9.pdf" in fresh["text"]
    assert content.memo("cyberbullying").get(locale).title[:20] in fresh["text"]
    await _confirm(staff, fresh, locale)
    [material] = await _materials(app)
    assert (material.target, material.slug, material.age_group) == ("memo", "cyberbullying", None)
    assert (material.title, material.file_name) == (TITLE, "Буллинг 5-9.pdf")
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_back_at_a_part_puts_it_back(roomy_app: RunningApp, locale: str) -> None:
    app = roomy_app
    w, content = WORDS[locale], app.dp["content"]
    staff = await _coordinator(app, locale)
    summary = await _memo_summary(app, staff, locale)
    before = summary["text"]
    # The language changed to both, then Back twice: the titles as they were.
    language = await _open(staff, summary, locale, "titles")
    title = await press(staff, language, w["both"])
    language = await press(staff, title, w["back"])
    menu = await press(staff, language, w["back"])
    assert w["menu"] in menu["text"]
    # The age: Back at its question, then Back from the menu: the same summary.
    age = await press(staff, menu, w["age"])
    assert w["currently"] in age["text"]
    menu = await press(staff, age, w["back"])
    summary = await _back_to_summary(staff, menu, locale)
    assert summary["text"] == before and button_with(summary, w["confirm"])
    # The section: a lesson topic chosen, then Back to the age groups, the target and the menu.
    target = await _open(staff, summary, locale, "for")
    groups = await press(staff, target, "📚")
    topics = await press(staff, groups, content.age_group("grades_1_4").get(locale).title)
    groups = await press(staff, topics, w["back"])
    target = await press(staff, groups, w["back"])
    menu = await press(staff, target, w["back"])
    summary = await _back_to_summary(staff, menu, locale)
    assert summary["text"] == before
    await _confirm(staff, summary, locale)
    [material] = await _materials(app)
    assert (material.target, material.slug, material.age_group) == ("memo", "cyberbullying", "grades_5_9")
    assert (material.language, material.title, material.title_ru) == (locale, TITLE, None)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_every_question_after_the_first_has_back_and_cancel(roomy_app: RunningApp, locale: str) -> None:
    """Forward through a memo in both languages, each question's ⬅️ Back pressed once: the one before."""
    app = roomy_app
    w, content = WORDS[locale], app.dp["content"]
    staff = await _coordinator(app, locale)
    await staff.send("/upload")
    start = await staff.next_message()
    assert w["back"] not in " ".join(button_texts(start)) and w["cancel"] in " ".join(button_texts(start))
    categories = await press(staff, start, "📝")
    assert _has_back_and_cancel(categories, locale)
    start = await press(staff, categories, w["back"])
    assert "📝" in " ".join(button_texts(start))
    categories = await press(staff, start, "📝")
    category = content.category("safety_online").title(locale)
    memos = await press(staff, categories, category)
    assert _has_back_and_cancel(memos, locale)
    categories = await press(staff, memos, w["back"])
    memos = await press(staff, categories, category)
    memo = content.memo("cyberbullying").get(locale).title[:20]
    file = await press(staff, memos, memo)
    assert _has_back_and_cancel(file, locale)  # a typed answer, and still the inline buttons
    memos = await press(staff, file, w["back"])
    file = await press(staff, memos, memo)
    await staff.send_document(file_name="Кибербуллинг.pdf", data=OLD_PDF, mime_type="application/pdf")
    language = await staff.next_message()
    assert _has_back_and_cancel(language, locale)
    file = await press(staff, language, w["back"])
    assert "PDF" in file["text"]
    await staff.send_document(file_name="Кибербуллинг.pdf", data=OLD_PDF, mime_type="application/pdf")
    language = await staff.next_message()
    title = await press(staff, language, w["both"])
    assert _has_back_and_cancel(title, locale)
    language = await press(staff, title, w["back"])
    title = await press(staff, language, w["both"])
    await staff.send(TITLE)
    title_ru = await staff.next_message()
    assert _has_back_and_cancel(title_ru, locale)
    title = await press(staff, title_ru, w["back"])  # the Kazakh title again, on the same message
    await staff.send(TITLE_2)
    title_ru = await staff.next_message()
    await staff.send(TITLE_RU)
    age = await staff.next_message()
    assert _has_back_and_cancel(age, locale)
    title_ru = await press(staff, age, w["back"])
    await staff.send(TITLE_RU)
    age = await staff.next_message()
    await staff.press(age, button_with(age, w["all_ages"]))
    summary = await staff.wait_edit(age)
    assert w["summary"] in summary["text"]
    await _confirm(staff, summary, locale)
    [material] = await _materials(app)
    assert (material.slug, material.title, material.title_ru, material.age_group) == (
        "cyberbullying",
        TITLE_2,
        TITLE_RU,
        None,
    )
    assert app.emu.rejections == []


async def test_old_and_forged_change_presses_change_nothing(app: RunningApp) -> None:
    w = WORDS["ru"]
    staff = await _coordinator(app, "ru")
    summary = await _lesson_summary(app, staff, "ru")
    stranger = app.emu.user(STRANGER)
    menu = await pick_language(stranger, "ru")
    for data in ("mup:em:", "mup:ep:file"):
        refused = await stranger.press_data(menu, data)
        assert "для сотрудников" in refused["text"]

    await _open(staff, summary, "ru", "file")
    await staff.send(LINK)
    fresh = await staff.next_message()
    # Change on the older summary (its message now the file's question): a step over.
    assert w["over"] in (await staff.press_data(summary, "mup:em:"))["text"]
    menu = await press(staff, fresh, w["change"])
    forged = await staff.press_data(menu, "mup:ep:age")  # a lesson has no age part
    assert forged["text"] and await audit_count(app, "material.forged") == 1
    fresh = await _back_to_summary(staff, menu, "ru")
    await _confirm(staff, fresh, "ru")
    for message, data in ((fresh, "mup:em:"), (fresh, "mup:ep:file"), (fresh, "mup:es:"), (fresh, "mup:bk")):
        assert w["over"] in (await staff.press_data(message, data))["text"]
    await staff.expect_no_message(0.5)
    [material] = await _materials(app)
    assert (material.url, material.title) == (LINK, TITLE)
    assert await audit_count(app, "material.stale") >= 4
    assert app.emu.rejections == []


async def test_a_change_survives_a_restart(database_url: str) -> None:
    emu = quiet_emulator()
    async with bot_process(database_url, emu) as app:
        staff = await _coordinator(app, "ru")
        summary = await _lesson_summary(app, staff, "ru")
        question = await _open(staff, summary, "ru", "file")
        await app.idle()
    async with bot_process(database_url, emu) as app:  # the draft and the change are in the FSM storage
        await staff.send_document(file_name="Новый.pdf", data=NEW_PDF, mime_type="application/pdf")
        fresh = await next_with(staff, WORDS["ru"]["summary"])
        assert "Новый.pdf" in fresh["text"] and "Буллинг 5-9.pdf" in question["text"]
        await _confirm(staff, fresh, "ru")
        [material] = await _materials(app)
        assert (material.file_name, material.title) == ("Новый.pdf", TITLE)
    assert emu.rejections == []
