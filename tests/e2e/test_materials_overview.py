"""/materials for staff: coverage and gaps per topic and language, an age group's pack as albums, removal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

import bot.materials.sending as materials_sending
from bot.emulator import Emulator
from bot.factory import Overrides
from bot.outgoing import OutgoingLimiter
from bot.views.materials_keyboards import MatAction, MaterialsCb
from db.models import AuditRecord, Material
from handlers.lessons import LessonAction, LessonCb
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.org_tree import OTHER_DISTRICT, REGION, SCHOOL, add_parent, add_tree, grant

NOW = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)
PSY, COORD, COORD_ELSEWHERE, PARENT, STRANGER = 7401, 7402, 7403, 7404, 7405
GROUP_1_4 = "grades_1_4"


@pytest.fixture
async def fast_app(database_url: str) -> AsyncIterator[RunningApp]:
    # Staff screens come one after another and a pack has several albums: Telegram's per-chat pace is
    # kept, at twenty times the speed, by the emulator and the bot's limiter alike.
    # The bot paces a little below the emulator: at twenty times the speed, a few milliseconds of delay on a
    # loaded machine are a large part of a token, and an album sent right at the limit would meet a 429.
    emu = Emulator(chat_rate=20)
    limiter = OutgoingLimiter(chat_rate=16)
    async with running_app(database_url, Overrides(), emulator=emu, limiter=limiter) as running:
        await add_tree(running.dp["sessionmaker"])
        yield running


async def add_material(
    app: RunningApp,
    title: str,
    language: str,
    slug: str,
    *,
    target: str = "lesson",
    media: str | None = "document",
    status: str = "approved",
    url: str | None = None,
    org_code: str | None = SCHOOL,
) -> Material:
    file_id = None
    if media is not None:
        file_id = app.emu.files.add(media, b"%PDF-1.4" if media == "document" else b"\x89PNG").file_id
    material = Material(
        target=target,
        slug=slug,
        language=language,
        title=title,
        kind="link" if url else ("image" if media == "photo" else "pdf"),
        media_type=media,
        file_id=file_id,
        url=url,
        status=status,
        proposed_by=PSY,
        org_code=org_code,
        territory_code=org_code,
        created_at=NOW,
    )
    async with app.dp["sessionmaker"]() as session:
        session.add(material)
        await session.commit()
        await session.refresh(material)
    return material


async def staff(app: RunningApp, user_id: int, role: str, scope: str, locale: str):
    await grant(app.dp["sessionmaker"], user_id, role, scope)
    user = app.emu.user(user_id, language_code=locale)
    await pick_language(user, locale)
    return user


async def open_section(user, title: str) -> tuple[dict, dict]:
    await user.send("/materials")
    overview = await user.next_message()
    await user.press(overview, button_with(overview, title))
    return overview, await user.wait_edit(overview)


async def test_coverage_and_gaps_in_both_languages(fast_app: RunningApp) -> None:
    app = fast_app
    await add_material(app, "Су мен мұз", "kk", "water_and_ice")
    await add_material(app, "Вода и лёд", "ru", "water_and_ice")
    await add_material(app, "Плакат", "both", "water_and_ice", media="photo")
    await add_material(app, "Незнакомцы", "ru", "strangers")
    await add_material(app, "Буллинг жадынамасы", "kk", "bullying", target="memo")
    await add_material(app, "Ещё не проверено", "kk", "stray_animals", status="pending")
    await add_material(app, "Отклонено", "ru", "stray_animals", status="rejected")

    psy_ru = await staff(app, PSY, "psychologist", SCHOOL, "ru")
    await psy_ru.send("/materials")
    overview = await psy_ru.next_message()
    print(overview["text"])
    assert "Материалы уроков и памяток" in overview["text"]
    assert "1–4 классы: на казахском 1 из 3 · на русском 2 из 3" in overview["text"]
    assert "Памятки: на казахском 1 из 19 · на русском 0 из 19" in overview["text"]
    assert "1 материал ждёт проверки." in overview["text"]
    assert {"Дошкольники", "1–4 классы", "Студенты колледжей", "Памятки"} <= set(button_texts(overview))

    await psy_ru.press(overview, "1–4 классы")
    group = await psy_ru.wait_edit(overview)
    print(group["text"])
    text = group["text"]
    assert "✅ Вода и лёд — каз. 2 · рус. 2" in text  # the bilingual poster counts for each
    assert "⚠️ Незнакомые люди — каз. 0 · рус. 1" in text
    assert "⚠️ Бездомные животные — каз. 0 · рус. 0" in text  # pending and rejected do not count
    assert "Только на русском, на казахском пока нет: Незнакомые люди" in text
    assert "Материалов нет совсем: Бездомные животные" in text
    # Any staff member may look and take the pack; removal is not theirs.
    assert button_texts(group) == ["📦 Все файлы комплектом", "⬅️ Все разделы"]

    await psy_ru.press(group, "⬅️ Все разделы")
    overview = await psy_ru.wait_edit(group)
    await psy_ru.press(overview, "Памятки")
    memos = await psy_ru.wait_edit(overview)
    memo_title = "Травля (буллинг): если ребёнка обижают в школе"
    assert f"Только на казахском, на русском пока нет: {memo_title}" in memos["text"]
    assert "📦 Все файлы комплектом" not in button_texts(memos)

    coord_kk = await staff(app, COORD, "coordinator", REGION, "kk")
    _overview, group = await open_section(coord_kk, "1–4-сынып")
    print(group["text"])
    text = group["text"]
    assert "✅ Су және мұз — қаз. 2 · орыс. 2" in text
    assert "Тек орысша, қазақшасы әлі жоқ: Бейтаныс адамдар" in text
    assert "Материал мүлде жоқ: Қаңғыбас жануарлар" in text
    assert button_texts(group) == [
        "📦 Барлық файлдар жинағы",
        "🗑 Материалды алып тастау",
        "⬅️ Барлық бөлімдер",
    ]
    assert app.emu.rejections == []


def delivered_albums(app: RunningApp) -> list[list[dict]]:
    """The albums Telegram took, in order. The pace is the real clock's on both sides, at twenty times
    Telegram's: on a busy machine an album may meet a 429, which the bot waits out and sends again (one copy
    arrives); the bot's pacing itself is tests/unit/test_outgoing_limiter.py's."""
    calls = [c.params for c in app.emu.calls_to("sendMediaGroup")]
    for refused in app.emu.throttled:
        if refused.method == "sendMediaGroup":
            calls.remove(refused.params)
    return [params["media"] for params in calls]


async def test_pack_sends_albums_of_ten_documents_apart_from_photos(fast_app: RunningApp) -> None:
    app = fast_app
    topics = ["bullying", "cyberbullying", "online_trends", "doubtful_invitations"]
    docs = [await add_material(app, f"Файл {n + 1:02}", "ru", topics[n % 4]) for n in range(11)]
    # A topic with only a Kazakh file: it comes anyway, with the note; one that has Russian files does not.
    fallback = await add_material(app, "Жауапкершілік", "kk", "responsibility")
    skipped = await add_material(app, "Қазақша буллинг", "kk", "bullying")
    photos = [await add_material(app, f"Плакат {n}", "both", "bullying", media="photo") for n in (1, 2)]
    await add_material(app, "Видео", "ru", "bullying", media=None, url="https://example.org/v")
    await add_material(app, "На проверке", "ru", "bullying", status="pending")

    psy = await staff(app, PSY, "psychologist", SCHOOL, "ru")
    _overview, group = await open_section(psy, "5–9 классы")
    await psy.press(group, "📦 Все файлы комплектом")
    intro = await psy.next_message()
    assert intro["text"].startswith(
        "📦 5–9 классы: материалы к урокам.\n14 файлов, 1 ссылка. На вашем языке;"
    )
    # A second press while it is on its way sends nothing twice.
    answer = await psy.press(group, "📦 Все файлы комплектом")
    assert answer["text"] == "Комплект уже отправляется вам. Пожалуйста, подождите."

    received = [await psy.next_message(timeout=10) for _ in range(15)]
    assert "Ссылки" in received[-1]["text"] and "https://example.org/v" in str(received[-1]["entities"])
    albums = delivered_albums(app)
    assert [[item["type"] for item in album] for album in albums] == [
        ["document"] * 10,
        ["document"] * 2,
        ["photo"] * 2,
    ]
    sent_ids = [item["media"] for album in albums for item in album]
    # By file_id, topic by topic in the lesson's order; the fallback topic comes last in this age group.
    by_topic = [d for topic in topics for d in docs if d.slug == topic]
    assert sent_ids == [m.file_id for m in (*by_topic, fallback, *photos)]
    assert skipped.file_id not in sent_ids
    captions = {item["media"]: item["caption"] for album in albums for item in album}
    assert captions[docs[0].file_id] == "<b>Файл 01</b>\n<i>Буллинг</i>"
    assert captions[fallback.file_id].endswith("<i>Этот материал пока есть только на казахском языке.</i>")
    assert all(len(c) <= 1024 for c in captions.values())
    assert app.emu.rejections == []


async def test_coordinator_removes_a_material_and_readers_lose_it(fast_app: RunningApp) -> None:
    app = fast_app
    keep = await add_material(app, "Вода и лёд", "ru", "water_and_ice")
    gone = await add_material(app, "Устаревшая памятка", "ru", "water_and_ice")

    # A parent of the school the materials were approved for.
    await add_parent(app.dp["sessionmaker"], PARENT, "ru", (SCHOOL, "3"))
    parent = app.emu.user(PARENT, language_code="ru")
    await parent.send("/lessons")
    groups = await parent.next_message()
    await parent.press(groups, "1–4 классы")
    topics = await parent.wait_edit(groups)
    await parent.press(topics, button_with(topics, "Вода и лёд"))
    topic = await parent.next_message()
    assert "📄 Устаревшая памятка" in button_texts(topic)

    # A psychologist, a coordinator of another district and a stranger forge the remove press: refused.
    psy = await staff(app, PSY, "psychologist", SCHOOL, "ru")
    overview, _group = await open_section(psy, "1–4 классы")
    elsewhere = await staff(app, COORD_ELSEWHERE, "coordinator", OTHER_DISTRICT, "ru")
    other_overview, _ = await open_section(elsewhere, "1–4 классы")
    stranger = app.emu.user(STRANGER, language_code="ru")
    await pick_language(stranger, "ru")
    forged = MaterialsCb(action=MatAction.remove, material=gone.id).pack()
    answer = await psy.press_data(overview, forged)
    assert "координатор" in answer["text"]
    answer = await elsewhere.press_data(other_overview, forged)
    assert "координатор" in answer["text"]
    answer = await stranger.press_data(topic, forged)
    assert answer["text"]
    async with app.dp["sessionmaker"]() as session:
        assert (await session.get(Material, gone.id)).status == "approved"
        refused = list(
            await session.scalars(select(AuditRecord).where(AuditRecord.action == "refused.button"))
        )
    assert {r.actor_id for r in refused} >= {PSY, COORD_ELSEWHERE, STRANGER}

    # The coordinator of the region: list, confirm, removed, audited.
    coord = await staff(app, COORD, "coordinator", REGION, "kk")
    _overview, group = await open_section(coord, "1–4-сынып")
    await coord.press(group, "🗑 Материалды алып тастау")
    listing = await coord.wait_edit(group)
    assert "алып тастайтын материалды таңдаңыз" in listing["text"]
    assert button_texts(listing)[:2] == ["🗑 Вода и лёд (орысша)", "🗑 Устаревшая памятка (орысша)"]
    await coord.press(listing, button_with(listing, "Устаревшая памятка"))
    confirm = await coord.wait_edit(listing)
    print(confirm["text"])
    assert confirm["text"].startswith("«Устаревшая памятка» (орысша) материалын «Су және мұз» тақырыбынан")
    await coord.press(confirm, "🗑 Иә, алып тастау")
    after = await coord.wait_edit(confirm)
    assert after["text"].startswith("✅ Алып тасталды: «Устаревшая памятка».")
    assert button_texts(after)[0] == "🗑 Вода и лёд (орысша)"
    # A second confirm (a double tap) removes nothing more.
    answer = await coord.press_data(after, MaterialsCb(action=MatAction.remove, material=gone.id).pack())
    assert answer["text"] == "Бұл материал алып тасталған немесе енді мақұлданбаған."
    async with app.dp["sessionmaker"]() as session:
        row = await session.get(Material, gone.id)
        assert (row.status, row.reviewed_by) == ("removed", COORD)
        audit = list(
            await session.scalars(select(AuditRecord).where(AuditRecord.action == "material.removed"))
        )
    assert [(a.actor_id, a.detail) for a in audit] == [(COORD, f"material {gone.id}")]

    # Readers: the old button is stale, a fresh topic screen no longer lists it.
    answer = await parent.press(topic, button_with(topic, "Устаревшая памятка"))
    assert answer["text"] == "Этот материал больше недоступен."
    await parent.press(topics, button_with(topics, "Вода и лёд"))
    fresh = await parent.next_message()
    assert "📄 Устаревшая памятка" not in button_texts(fresh) and "📄 Вода и лёд" in button_texts(fresh)
    assert keep.status == "approved"
    answer = await parent.press_data(fresh, LessonCb(action=LessonAction.material, material=gone.id).pack())
    assert answer["text"] == "Этот материал больше недоступен."
    assert app.emu.rejections == []


async def test_one_refused_file_does_not_sink_its_album(fast_app: RunningApp) -> None:
    app = fast_app
    good = [await add_material(app, f"Файл {n}", "ru", "water_and_ice") for n in (1, 2)]
    broken = await add_material(app, "Потерянный файл", "ru", "strangers")
    async with app.dp["sessionmaker"]() as session:
        (await session.get(Material, broken.id)).file_id = "lost-file-id"
        await session.commit()
    psy = await staff(app, PSY, "psychologist", SCHOOL, "ru")
    _overview, group = await open_section(psy, "1–4 классы")
    await psy.press(group, "📦 Все файлы комплектом")
    received = [await psy.next_message() for _ in range(4)]
    assert [m["document"]["file_id"] for m in received[1:3]] == [m.file_id for m in good]
    assert received[3]["text"] == ("⚠️ Telegram не принял эти файлы, загрузите их заново:\n«Потерянный файл»")
    assert [r.method for r in app.emu.rejections] == ["sendMediaGroup", "sendDocument"]
    assert app.emu.throttled == []


def test_albums_keep_documents_apart_and_ten_at_most() -> None:
    def file(n: int, media: str) -> Material:
        return Material(id=n, title=str(n), kind="pdf", media_type=media, file_id=f"f{n}", language="ru")

    files = [file(n, "document") for n in range(21)] + [
        file(30, "photo"),
        file(31, "video"),
        file(32, "photo"),
    ]
    sizes = [[m.media_type for m in album] for album in materials_sending.albums(files)]
    assert sizes == [["document"] * 10, ["document"] * 10, ["document"], ["photo", "video", "photo"]]
