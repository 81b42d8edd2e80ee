"""/upload: a material in both languages has its title asked in Kazakh, then in Russian, and each reader
sees the title in their own language; one in one language keeps one title. Migration 0016 adds the column."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import select

from bot.emulator.sample_media import PDF
from db.engine import create_engine
from db.migrate import alembic_config, upgrade_to_head
from db.models import Material
from tests.support.app import RunningApp
from tests.support.chat import button_texts, button_with, next_with
from tests.support.lessons import lesson_readers, open_lesson_topic, upload_to_lesson_topic
from tests.support.org_tree import DISTRICT, SCHOOL, add_tree, staff_member

PSY, COORD, PARENT_KK, PARENT_RU = 8601, 8602, 8603, 8604
TITLE_KK, TITLE_RU = "Буллинг туралы жадынама 5-9 сынып", "Памятка о буллинге для 5-9 классов"


async def _materials(app: RunningApp) -> list[Material]:
    async with app.dp["sessionmaker"]() as session:
        return list(await session.scalars(select(Material).order_by(Material.id)))


async def _to_language_step(app: RunningApp, staff, locale: str, data: bytes) -> dict:
    """/upload → lesson → grades 5-9 → bullying → a PDF; returns the language question."""
    await upload_to_lesson_topic(app, staff, locale)
    await staff.send_document(file_name="Буллинг 5-9.pdf", data=data, mime_type="application/pdf")
    return await staff.next_message()


async def _topic_buttons(app: RunningApp, parent, locale: str) -> list[str]:
    parent.drain()
    return button_texts(await open_lesson_topic(app, parent, locale))


async def test_both_languages_ask_two_titles_and_each_parent_reads_their_own(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    coord = await staff_member(app, COORD, "coordinator", DISTRICT, "kk")
    psy = await staff_member(app, PSY, "psychologist", SCHOOL, "ru")
    parent_kk, parent_ru = await lesson_readers(app, PARENT_KK, PARENT_RU)

    language = await _to_language_step(app, psy, "ru", PDF + b"% two titles\n")
    assert "шаг 5 из 6" in language["text"]
    await psy.press(language, button_with(language, "На обоих языках"))
    ask_kk = await psy.wait_edit(language)
    # The Kazakh title first, counted as a step of its own, with the file name offered.
    assert "шаг 6 из 7" in ask_kk["text"] and "на казахском" in ask_kk["text"]
    assert "«Буллинг 5-9»" in button_texts(ask_kk)
    await psy.send(TITLE_KK)
    ask_ru = await psy.next_message()
    assert "шаг 7 из 7" in ask_ru["text"] and "на русском" in ask_ru["text"]
    assert "«Буллинг 5-9»" in button_texts(ask_ru)
    await psy.send(TITLE_RU)
    preview = await psy.next_message()
    assert f"Название на казахском: {TITLE_KK}" in preview["text"]
    assert f"Название на русском: {TITLE_RU}" in preview["text"]
    await psy.press(preview, button_with(preview, "Подтвердить"))
    await next_with(psy, "Отправлено на проверку")

    [material] = await _materials(app)
    assert (material.language, material.title, material.title_ru) == ("both", TITLE_KK, TITLE_RU)
    # The reviewer's card (in Kazakh) shows both titles.
    await coord.next_message()  # the file itself
    card = await coord.next_message()
    assert f"Атауы (қазақша): {TITLE_KK}" in card["text"]
    assert f"Атауы (орысша): {TITLE_RU}" in card["text"]
    await coord.press(card, button_with(card, "Мақұлдау"))
    await coord.wait_edit(card)
    told = await next_with(psy, "одобрен")
    assert f"«{TITLE_RU}»" in told["text"]

    kk_buttons = " ".join(await _topic_buttons(app, parent_kk, "kk"))
    ru_buttons = " ".join(await _topic_buttons(app, parent_ru, "ru"))
    assert TITLE_KK[:40] in kk_buttons and TITLE_RU[:40] not in kk_buttons
    assert TITLE_RU[:40] in ru_buttons and TITLE_KK[:40] not in ru_buttons
    assert app.emu.rejections == []


@pytest.mark.parametrize(("button", "language"), [("Қазақша", "kk"), ("Русский", "ru")])
async def test_one_language_asks_one_title(app: RunningApp, button: str, language: str) -> None:
    await add_tree(app.dp["sessionmaker"])
    coord = await staff_member(app, COORD, "coordinator", DISTRICT, "ru")
    ask = await _to_language_step(app, coord, "ru", PDF + language.encode())
    await coord.press(ask, button_with(ask, button))
    title = await coord.wait_edit(ask)
    assert "шаг 6 из 6" in title["text"] and "на казахском" not in title["text"]
    await coord.send("Буллинг: сабақ жоспары" if language == "kk" else "Буллинг: план урока")
    preview = await coord.next_message()
    assert "Проверьте материал" in preview["text"] and "Название:" in preview["text"]
    assert "на русском" not in preview["text"]
    await coord.press(preview, button_with(preview, "Подтвердить"))
    await next_with(coord, "✅")
    [material] = await _materials(app)
    assert (material.language, material.title_ru) == (language, None)


async def test_the_file_name_on_both_steps_warns_once_and_may_be_kept(app: RunningApp) -> None:
    await add_tree(app.dp["sessionmaker"])
    coord = await staff_member(app, COORD, "coordinator", DISTRICT, "kk")
    ask = await _to_language_step(app, coord, "kk", PDF + b"% file name twice\n")
    await coord.press(ask, button_with(ask, "Екі тілде"))
    ask_kk = await coord.wait_edit(ask)
    await coord.press(ask_kk, "«Буллинг 5-9»")
    ask_ru = await coord.next_message()
    assert "орысша" in ask_ru["text"]
    # The Kazakh question's button is gone, so it cannot answer the Russian step.
    assert not button_texts(await coord.wait_edit(ask_kk))
    await coord.press(ask_ru, "«Буллинг 5-9»")
    warning = await coord.next_message()
    assert "⚠️" in warning["text"]
    await coord.press(warning, button_with(warning, "Осы күйінде қалдыру"))
    preview = await next_with(coord, "Атауы (орысша)")
    await coord.press(preview, button_with(preview, "Растау"))
    await next_with(coord, "✅")
    [material] = await _materials(app)
    assert (material.title, material.title_ru) == ("Буллинг 5-9", "Буллинг 5-9")


async def test_migration_0016_adds_title_ru_and_takes_it_away(database_url: str) -> None:
    engine = create_engine(database_url)

    async def to(revision: str, down: bool = False) -> None:
        step = command.downgrade if down else command.upgrade
        async with engine.begin() as conn:
            await conn.run_sync(lambda sync: step(alembic_config(sync), revision))

    async def columns() -> set[str]:
        async with engine.connect() as conn:
            found = await conn.run_sync(lambda sync: sa.inspect(sync).get_columns("materials"))
        return {column["name"] for column in found}

    try:
        await upgrade_to_head(engine)
        await to("0015", down=True)
        assert "title_ru" not in await columns()
        async with engine.begin() as conn:
            await conn.execute(
                sa.text(
                    "INSERT INTO materials (target, slug, language, title, kind, status, proposed_by, "
                    "created_at) VALUES ('lesson', 'bullying', 'both', 'Жадынама', 'pdf', 'approved', 1,"
                    " :now)"
                ),
                {"now": datetime(2026, 12, 1, 10, tzinfo=UTC)},
            )
        await to("0016")
        async with engine.begin() as conn:
            row = (await conn.execute(sa.text("SELECT title, title_ru FROM materials"))).one()
            assert tuple(row) == ("Жадынама", None)  # an old material keeps its one title
            await conn.execute(sa.text("UPDATE materials SET title_ru = 'Памятка'"))
        await to("0015", down=True)
        assert "title_ru" not in await columns()
        async with engine.connect() as conn:
            assert await conn.scalar(sa.text("SELECT title FROM materials")) == "Жадынама"
        await to("head")
    finally:
        await engine.dispose()
