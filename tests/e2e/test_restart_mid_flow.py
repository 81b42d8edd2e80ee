"""A restart in the middle of a staff flow: the next message continues at the same step, with what was typed
before it, because drafts live in the database (bot/fsm_storage.py), not in the process."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from bot.clock import KZ
from bot.digest import iso_week
from bot.emulator.sample_media import PDF
from bot.flows.wizard import CONFIRMED
from db.models import DigestRun, Event, FsmRecord, Material, MeasureUpdate, Post
from tests.support.app import RunningApp
from tests.support.chat import button_with, next_with, pick_language
from tests.support.org_tree import SCHOOL, add_tree, grant
from tests.support.restarts import NOW, bot_process, quiet_emulator
from tests.support.small_plan import small_catalogue

PSY = 8901
KK, RU = "Ертең ата-аналар жиналысы болады.", "Завтра родительское собрание."


async def staff_member(app: RunningApp):
    sessionmaker = app.dp["sessionmaker"]
    await add_tree(sessionmaker)
    async with sessionmaker() as session:
        # This week's digest counts as sent, so it cannot come between a prompt and the test's answer.
        session.add(DigestRun(user_id=PSY, week=iso_week(NOW), claimed_at=NOW, sent_at=NOW))
        await session.commit()
    await grant(sessionmaker, PSY, "psychologist", SCHOOL)
    psy = app.emu.user(PSY)
    await pick_language(psy, "ru")
    return psy


async def count(app: RunningApp, model: type) -> int:
    async with app.dp["sessionmaker"]() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def drafts_left(app: RunningApp) -> int:
    """Records holding a step or anything typed; a finished wizard keeps only which message it confirmed."""
    async with app.dp["sessionmaker"]() as session:
        records = list(await session.scalars(select(FsmRecord)))
    return sum(1 for r in records if r.state is not None or set(r.data) - {CONFIRMED})


async def test_post_continues_after_a_restart(database_url: str) -> None:
    emu = quiet_emulator()
    async with bot_process(database_url, emu) as app:
        psy = await staff_member(app)
        await psy.send("/post")
        await psy.next_message()
        await psy.send(KK)
        assert "на русском" in (await psy.next_message())["text"]
        assert await count(app, FsmRecord) == 1

    async with bot_process(database_url, emu) as app:
        await psy.send(RU)
        media = await psy.next_message()
        await psy.press(media, 0)  # no attachment
        grades = await psy.next_message()
        await psy.press(grades, button_with(grades, "5 класс"))
        grades = await psy.wait_edit(grades)
        await psy.press(grades, button_with(grades, "Готово"))
        urgency = await psy.wait_edit(grades)
        await psy.press(urgency, button_with(urgency, "Обычный"))
        when = await psy.wait_edit(urgency)
        await psy.press(when, button_with(when, "Сейчас"))
        summary = await next_with(psy, "Проверьте")
        await psy.press(summary, button_with(summary, "Подтвердить"))
        await next_with(psy, "получател")
        async with app.dp["sessionmaker"]() as session:
            [post] = list(await session.scalars(select(Post)))
        assert (post.text_kk, post.text_ru, post.scope_code) == (KK, RU, SCHOOL)
        assert post.audience["grades"] == ["5"]
        assert await drafts_left(app) == 0  # a finished flow leaves no draft behind
        assert emu.rejections == []


async def test_update_continues_after_a_restart(database_url: str) -> None:
    emu = quiet_emulator()
    async with bot_process(database_url, emu, small_catalogue()) as app:
        psy = await staff_member(app)
        await psy.send("/update 3")
        await psy.next_message()
        await psy.send("Фойеде стенд орнатылды.")
        assert "по-русски" in (await psy.next_message())["text"]

    async with bot_process(database_url, emu, small_catalogue()) as app:
        await psy.send("В фойе установлен стенд.")
        when = await psy.next_message()
        await psy.press(when, button_with(when, "Сегодня"))
        evidence = await psy.next_message()
        await psy.press(evidence, button_with(evidence, "Нет фото и документов"))
        status = await psy.next_message()
        await psy.press(status, button_with(status, "выполнено"))
        visibility = await psy.wait_edit(status)
        await psy.press(visibility, button_with(visibility, "Внутренний"))
        summary = await psy.next_message()
        await psy.press(summary, button_with(summary, "Подтвердить"))
        await psy.next_message()
        async with app.dp["sessionmaker"]() as session:
            [update] = list(await session.scalars(select(MeasureUpdate)))
        assert (update.measure_no, update.org_code, update.status) == (3, SCHOOL, "done")
        assert not update.public
        assert (update.text_kk, update.text_ru) == ("Фойеде стенд орнатылды.", "В фойе установлен стенд.")
        assert await drafts_left(app) == 0
        assert emu.rejections == []


async def test_event_continues_after_a_restart(database_url: str) -> None:
    emu = quiet_emulator()
    async with bot_process(database_url, emu) as app:
        psy = await staff_member(app)
        await psy.send("/event")
        await psy.next_message()
        await psy.send("Баланың интернеттегі қауіпсіздігі")
        await psy.next_message()
        await psy.send("Безопасность ребёнка в интернете")
        assert "09.12.2026 18:00" in (await psy.next_message())["text"]  # asks for the date

    async with bot_process(database_url, emu) as app:
        await psy.send("20.12.2026 18:30")
        await psy.next_message()
        await psy.send("Школа № 1, актовый зал")
        grades = await psy.next_message()
        await psy.press(grades, button_with(grades, "5 класс"))
        grades = await psy.wait_edit(grades)
        await psy.press(grades, button_with(grades, "Готово"))
        await psy.wait_edit(grades)  # the capacity
        await psy.send("40")
        summary = await next_with(psy, "Проверьте")
        await psy.press(summary, button_with(summary, "Подтвердить"))
        await next_with(psy, "получател")
        async with app.dp["sessionmaker"]() as session:
            [event] = list(await session.scalars(select(Event)))
        assert (event.topic_kk, event.topic_ru) == (
            "Баланың интернеттегі қауіпсіздігі",
            "Безопасность ребёнка в интернете",
        )
        assert (event.starts_at, event.capacity, event.scope_code) == (
            datetime(2026, 12, 20, 18, 30, tzinfo=KZ),
            40,
            SCHOOL,
        )
        assert await count(app, Post) == 1  # its announcement
        assert await drafts_left(app) == 0
        assert emu.rejections == []


async def test_upload_continues_after_a_restart(database_url: str) -> None:
    emu = quiet_emulator()
    async with bot_process(database_url, emu) as app:
        psy = await staff_member(app)
        content = app.dp["content"]
        await psy.send("/upload")
        start = await psy.next_message()
        await psy.press(start, button_with(start, "📚"))
        groups = await psy.wait_edit(start)
        await psy.press(groups, button_with(groups, content.age_group("grades_5_9").get("ru").title))
        topics = await psy.wait_edit(groups)
        await psy.press(topics, button_with(topics, content.topic("bullying")[1].get("ru").title))
        await psy.wait_edit(topics)  # asks for the file
        await psy.send_document(file_name="Буллинг 5-9.pdf", data=PDF, mime_type="application/pdf")
        language = await psy.next_message()
        assert "На каком языке" in language["text"]

    async with bot_process(database_url, emu) as app:
        await psy.press(language, button_with(language, "На обоих языках"))
        title = await psy.wait_edit(language)
        await psy.press(title, "«Буллинг 5-9»")
        await psy.next_message()  # the Russian title
        await psy.send("Памятка о буллинге для 5-9 классов")
        preview = await psy.next_message()
        assert "урок «Буллинг»" in preview["text"] and "5–9 классы" in preview["text"]
        await psy.press(preview, button_with(preview, "Подтвердить"))
        await next_with(psy, "Отправлено на проверку")
        async with app.dp["sessionmaker"]() as session:
            [material] = list(await session.scalars(select(Material)))
        assert (material.file_name, material.age_group, material.status) == (
            "Буллинг 5-9.pdf",
            "grades_5_9",
            "pending",
        )
        assert await drafts_left(app) == 0
        assert emu.rejections == []
