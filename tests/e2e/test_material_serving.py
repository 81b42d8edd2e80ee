"""Parents open /lessons, an age group, a topic, and receive its approved files by file_id."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.emulator import Emulator
from bot.factory import Overrides
from bot.outgoing import OutgoingLimiter
from db.models import Material
from handlers.lessons import LessonAction, LessonCb
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, button_with, buttons, pick_language

NOW = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)
PARENT_KK, PARENT_RU = 7301, 7302


@pytest.fixture
async def fast_app(database_url: str) -> AsyncIterator[RunningApp]:
    # A parent here receives several files in a row; Telegram's per-chat pace has tests of its own.
    emu = Emulator(chat_rate=None)
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    async with running_app(database_url, Overrides(), emulator=emu, limiter=limiter) as running:
        yield running


async def add_material(
    app: RunningApp,
    title: str,
    language: str,
    *,
    slug: str = "water_and_ice",
    media: str | None = "document",
    status: str = "approved",
    url: str | None = None,
) -> Material:
    """A material as the upload flow leaves it: the file lives in the emulator, the row holds its file_id."""
    file_id = None
    if media is not None:
        stored = app.emu.files.add(media, b"%PDF-1.4 lesson" if media == "document" else b"\x89PNG", "f.pdf")
        file_id = stored.file_id
    material = Material(
        target="lesson",
        slug=slug,
        age_group="grades_1_4",
        language=language,
        title=title,
        kind="link" if url else ("image" if media == "photo" else "pdf"),
        media_type=media,
        file_id=file_id,
        url=url,
        status=status,
        proposed_by=1,
        created_at=NOW,
    )
    async with app.dp["sessionmaker"]() as session:
        session.add(material)
        await session.commit()
        await session.refresh(material)
    return material


async def open_topic(app: RunningApp, user_id: int, locale: str, group: str, topic: str) -> tuple:
    user = app.emu.user(user_id, language_code=locale)
    await pick_language(user, locale)
    await user.send("/lessons")
    groups = await user.next_message()
    await user.press(groups, button_with(groups, group))
    topics = await user.wait_edit(groups)
    await user.press(topics, button_with(topics, topic))
    return user, await user.next_message()


async def test_parents_receive_files_by_file_id_in_their_language(fast_app: RunningApp) -> None:
    app = fast_app
    kk_pdf = await add_material(app, "Су мен мұз: презентация", "kk")
    ru_pdf = await add_material(app, "Вода и лёд: презентация", "ru")
    poster = await add_material(app, "Poster 🧊 <ice> & water", "both", media="photo")
    ru_only = await add_material(app, "Памятка для родителей", "ru")
    await add_material(app, "Видеосабақ", "kk", media=None, url="https://example.org/video")
    pending = await add_material(app, "Тексерілмеген файл", "kk", status="pending")
    rejected = await add_material(app, "Қабылданбаған файл", "kk", status="rejected")
    removed = await add_material(app, "Алынған файл", "ru", status="removed")

    # Kazakh: own language and bilingual first, then what exists only in Russian, marked.
    parent_kk, topic_kk = await open_topic(app, PARENT_KK, "kk", "1–4-сынып", "Су және мұз")
    assert "Су және мұз" in topic_kk["text"] and "материалдары хабарламаның астында" in topic_kk["text"]
    labels = button_texts(topic_kk)
    print("\n".join(labels))
    assert labels[:5] == [
        "📄 Су мен мұз: презентация",
        "🖼 Poster 🧊 <ice> & water",
        "🔗 Видеосабақ",
        "📄 Вода и лёд: презентация (орысша)",
        "📄 Памятка для родителей (орысша)",
    ]
    assert not any(fragment in str(labels) for fragment in ("Тексерілмеген", "Қабылданбаған", "Алынған"))
    link = next(b for b in buttons(topic_kk) if "Видеосабақ" in b["text"])
    assert link["url"] == "https://example.org/video"

    await parent_kk.press(topic_kk, button_with(topic_kk, "Су мен мұз"))
    got = await parent_kk.next_message()
    assert got["document"]["file_id"] == kk_pdf.file_id
    assert got["caption"] == "Су мен мұз: презентация"
    sent = app.emu.calls_to("sendDocument")[-1].params
    assert sent["document"] == kk_pdf.file_id  # by file_id: nothing uploaded again

    await parent_kk.press(topic_kk, button_with(topic_kk, "Вода и лёд"))
    got = await parent_kk.next_message()
    assert got["document"]["file_id"] == ru_pdf.file_id
    assert got["caption"] == "Вода и лёд: презентация\n\nБұл материал әзірге тек орыс тілінде бар."

    await parent_kk.press(topic_kk, button_with(topic_kk, "Poster"))
    got = await parent_kk.next_message()
    assert got["photo"][0]["file_id"] == poster.file_id
    assert got["caption"] == "Poster 🧊 <ice> & water"  # escaped on the way out, shown as typed
    assert app.emu.calls_to("sendPhoto")[-1].params["photo"] == poster.file_id

    # Russian: the Russian ones first; the Kazakh one after, marked, with the note when sent.
    parent_ru, topic_ru = await open_topic(app, PARENT_RU, "ru", "1–4 классы", "Вода и лёд")
    labels = button_texts(topic_ru)
    assert labels[:5] == [
        "📄 Вода и лёд: презентация",
        "🖼 Poster 🧊 <ice> & water",
        "📄 Памятка для родителей",
        "📄 Су мен мұз: презентация (на казахском)",
        "🔗 Видеосабақ (на казахском)",
    ]
    await parent_ru.press(topic_ru, button_with(topic_ru, "Памятка"))
    got = await parent_ru.next_message()
    assert got["document"]["file_id"] == ru_only.file_id and got["caption"] == "Памятка для родителей"
    await parent_ru.press(topic_ru, button_with(topic_ru, "Су мен мұз"))
    got = await parent_ru.next_message()
    assert got["caption"].endswith("Этот материал пока есть только на казахском языке.")
    assert all("upload" not in str(c.params) for c in app.emu.calls_to("sendDocument"))

    # Pending, rejected, removed or made-up ids: a polite toast, no file.
    for material_id in (pending.id, rejected.id, removed.id, 999_999):
        data = LessonCb(action=LessonAction.material, material=material_id).pack()
        answer = await parent_ru.press_data(topic_ru, data)
        assert answer["text"] == "Этот материал больше недоступен."
    answer = await parent_kk.press_data(
        topic_kk, LessonCb(action=LessonAction.material, material=pending.id).pack()
    )
    assert answer["text"] == "Бұл материал енді қолжетімсіз."
    await parent_ru.expect_no_message(0.3)
    assert app.emu.rejections == []


async def test_a_topic_with_many_files_shows_them_a_page_at_a_time(fast_app: RunningApp) -> None:
    app = fast_app
    for n in range(12):
        await add_material(app, f"Карточка {n + 1:02}", "ru", slug="strangers")
    parent, topic = await open_topic(app, PARENT_RU, "ru", "1–4 классы", "Незнакомые люди")
    files = [t for t in button_texts(topic) if t.startswith("📄")]
    assert files == [f"📄 Карточка {n:02}" for n in range(1, 11)]
    await parent.press(topic, "▶️")
    topic = await parent.wait_edit(topic)
    assert [t for t in button_texts(topic) if t.startswith("📄")] == ["📄 Карточка 11", "📄 Карточка 12"]
    assert "◀️" in button_texts(topic) and "⬅️ Другие темы" in button_texts(topic)
    await parent.press(topic, "📄 Карточка 12")
    assert (await parent.next_message())["caption"] == "Карточка 12"
    assert app.emu.rejections == []


async def test_a_topic_without_materials_reads_as_before(fast_app: RunningApp) -> None:
    app = fast_app
    await add_material(app, "Тексерілмеген файл", "kk", slug="stray_animals", status="pending")
    _parent, topic = await open_topic(app, PARENT_KK, "kk", "1–4-сынып", "Қаңғыбас жануарлар")
    assert "материалдары" not in topic["text"]
    assert button_texts(topic) == ["⬅️ Басқа тақырыптар"]


async def test_a_file_telegram_no_longer_knows_gets_a_word_not_silence(fast_app: RunningApp) -> None:
    app = fast_app
    broken = await add_material(app, "Ескі файл", "ru")
    async with app.dp["sessionmaker"]() as session:
        row = await session.get(Material, broken.id)
        row.file_id = "lost-file-id"
        await session.commit()
    parent, topic = await open_topic(app, PARENT_RU, "ru", "1–4 классы", "Вода и лёд")
    await parent.press(topic, button_with(topic, "Ескі файл"))
    assert (await parent.next_message())["text"] == "Этот материал больше недоступен."
    assert [r.method for r in app.emu.rejections] == ["sendDocument"]


async def test_a_memo_lists_its_files_too(fast_app: RunningApp) -> None:
    app = fast_app
    memo_file = await add_material(app, "Буллинг: ата-аналарға кеңес", "kk", slug="bullying")
    async with app.dp["sessionmaker"]() as session:
        (await session.get(Material, memo_file.id)).target = "memo"
        await session.commit()
    parent = app.emu.user(PARENT_KK, language_code="kk")
    await pick_language(parent, "kk")
    await parent.send("/memos")
    categories = await parent.next_message()
    await parent.press(categories, 0)  # violence and bullying
    memos = await parent.wait_edit(categories)
    await parent.press(memos, button_with(memos, "Мектептегі буллинг"))
    memo = await parent.next_message()
    assert button_texts(memo)[0] == "📄 Буллинг: ата-аналарға кеңес"
    await parent.press(memo, button_texts(memo)[0])
    got = await parent.next_message()
    assert got["document"]["file_id"] == memo_file.file_id and got["caption"] == "Буллинг: ата-аналарға кеңес"
