"""Parents subscribe by menu and by a poster's QR link; staff print that QR code."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from bot.qr import qr_png, school_link
from db.engine import create_engine, create_sessionmaker
from db.models import StaffRole, User
from handlers.posters import QrAction, QrCb
from handlers.subscribe import SubAction, SubCb, UnsubAction, UnsubCb
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import button_texts, pick_language, press
from tests.support.orgs import replace_organisations
from tests.support.subscribe_tree import add_tree, subscriptions_of


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    # These walks press faster than a parent would; flood control has its own test.
    async with running_app(database_url, Overrides(flood=FloodControl(limit=10_000))) as running:
        yield running


async def language_of(database_url: str, user_id: int) -> str | None:
    engine = create_engine(database_url)
    async with create_sessionmaker(engine)() as session:
        language = await session.scalar(select(User.language).where(User.id == user_id))
    await engine.dispose()
    return language


async def test_subscribe_by_menu_in_russian(app: RunningApp, database_url: str) -> None:
    await add_tree(app)
    u = app.emu.user(3001, language_code="ru")
    welcome = await pick_language(u, "ru")
    # One region: its step is skipped and the cities come first.
    screen = await press(u, welcome, "Подписаться на новости школы")
    assert "Карагандинская область" in screen["text"]
    assert "Выберите район или город" in screen["text"]
    assert "⬅️ Назад" not in button_texts(screen)
    screen = await press(u, screen, "город Караганда")
    assert "Страница 1 из 2" in screen["text"]
    assert len(button_texts(screen)) == 8 + 1 + 2  # a page of 8, the next-page arrow, back and menu
    screen = await press(u, screen, "▶️")
    assert "Страница 2 из 2" in screen["text"]
    assert "Детский сад «Балапан»" in button_texts(screen)
    screen = await press(u, screen, "◀️")
    screen = await press(u, screen, "Общеобразовательная школа №1")
    assert "В каком классе учится ваш ребёнок" in screen["text"]
    assert "имена детей" in screen["text"]
    assert not any(t.startswith("🌐") for t in button_texts(screen))  # chosen language: no switch here
    # Back from the grades returns to the city's schools, and forward again.
    back = await press(u, screen, "Назад")
    assert "Выберите школу" in back["text"]
    screen = await press(u, back, "Общеобразовательная школа №1")
    for label in ("Предшкольный класс", "1 класс", "5 класс", "9 класс"):
        await u.press(screen, label)
        screen = await u.wait_edit(screen)
    screen = await press(u, screen, "✅ 9 класс")  # untick
    assert "✅ 1 класс" in button_texts(screen) and "9 класс" in button_texts(screen)
    done = await press(u, screen, "Готово")
    assert "Сохранено" in done["text"]
    assert "Общеобразовательная школа №1 — предшкольный класс, 1, 5 классы" in done["text"]
    assert "на русском языке" in done["text"]
    assert await subscriptions_of(database_url, 3001) == {
        ("kar-s01", "pre"),
        ("kar-s01", "1"),
        ("kar-s01", "5"),
    }

    # A second child at the same school: the grades already followed are ticked.
    screen = await press(u, done, "Ещё ребёнок в этой школе")
    assert {"✅ Предшкольный класс", "✅ 1 класс", "✅ 5 класс"} <= set(button_texts(screen))
    await u.press(screen, "11 класс")
    screen = await u.wait_edit(screen)
    done = await press(u, screen, "Готово")
    assert "предшкольный класс, 1, 5, 11 классы" in done["text"]

    # Another organisation in another city, then a kindergarten (one grade: a confirmation, no grades).
    screen = await press(u, done, "Другая школа или детский сад")
    screen = await press(u, screen, "город Темиртау")
    screen = await press(u, screen, "Школа-гимназия №1")
    await u.press(screen, "7 класс")
    screen = await u.wait_edit(screen)
    done = await press(u, screen, "Готово")
    assert "Школа-гимназия №1 — 7 класс" in done["text"]
    screen = await press(u, done, "Другая школа или детский сад")
    screen = await press(u, screen, "город Караганда")
    screen = await press(u, screen, "▶️")
    screen = await press(u, screen, "Детский сад «Балапан»")
    assert "Получать новости детского сада" in screen["text"]
    assert button_texts(screen)[0] == "✅ Подписаться"
    done = await press(u, screen, "Подписаться")
    assert "• Детский сад «Балапан»\n" in done["text"] + "\n"
    assert await subscriptions_of(database_url, 3001) == {
        ("kar-s01", "pre"),
        ("kar-s01", "1"),
        ("kar-s01", "5"),
        ("kar-s01", "11"),
        ("tem-s01", "7"),
        ("kar-k01", "pre"),
    }
    assert app.emu.rejections == [], [(r.method, r.params.get("text")) for r in app.emu.rejections]


async def test_subscribe_by_menu_in_kazakh_with_two_regions(app: RunningApp, database_url: str) -> None:
    await add_tree(app, second_region=True)
    u = app.emu.user(3002, language_code="kk")
    await pick_language(u, "kk")
    await u.send("/subscribe")
    screen = await u.next_message()
    assert "Облысыңызды таңдаңыз" in screen["text"]
    screen = await press(u, screen, "Қарағанды облысы")
    assert "Ауданды не қаланы таңдаңыз" in screen["text"]
    back = await press(u, screen, "Артқа")
    assert "Облысыңызды таңдаңыз" in back["text"]
    screen = await press(u, back, "Ұлытау облысы")
    screen = await press(u, screen, "Жезқазған қаласы")
    screen = await press(u, screen, "№1 мектеп")
    assert "Балаңыз нешінші сыныпта" in screen["text"]
    # Done with nothing ticked is refused with a note, not saved.
    answer = await u.press(screen, "Дайын")
    assert "Кем дегенде бір сыныпты" in answer["text"]
    for label in ("2-сынып", "3-сынып"):
        await u.press(screen, label)
        screen = await u.wait_edit(screen)
    done = await press(u, screen, "Дайын")
    assert "Сақталды" in done["text"]
    assert "№1 мектеп — 2, 3-сыныптар" in done["text"]
    assert "қазақ тілінде" in done["text"]
    # A college: one "grade", confirmed with one button.
    screen = await press(u, done, "Басқа мектеп не балабақша")
    screen = await press(u, screen, "Қарағанды облысы")
    screen = await press(u, screen, "Қарағанды қаласы")
    screen = await press(u, screen, "▶️")
    screen = await press(u, screen, "политехникалық колледжі")
    assert "Колледждің" in screen["text"]
    done = await press(u, screen, "Жазылу")
    assert "• Қарағанды политехникалық колледжі" in done["text"]
    # An area with nothing listed yet says so.
    screen = await press(u, done, "Басқа мектеп не балабақша")
    screen = await press(u, screen, "Қарағанды облысы")
    screen = await press(u, screen, "Бұқар жырау ауданы")
    assert "Мұнда әзірге мектептер тізімі жоқ" in screen["text"]
    assert await subscriptions_of(database_url, 3002) == {
        ("zhz-s01", "2"),
        ("zhz-s01", "3"),
        ("kar-c01", "college"),
    }
    assert app.emu.rejections == [], [(r.method, r.params.get("text")) for r in app.emu.rejections]


async def test_no_organisations_yet(app: RunningApp, database_url: str) -> None:
    await replace_organisations(app.dp["sessionmaker"], [])
    u = app.emu.user(3003, language_code="ru")
    welcome = await pick_language(u, "ru")
    screen = await press(u, welcome, "Подписаться на новости школы")
    assert "пока нет списка школ" in screen["text"]
    await u.send("/mysubscriptions")
    mine = await u.next_message()
    assert "пока нет подписок" in mine["text"]
    await u.send("/unsubscribe")
    assert "пока нет подписок" in (await u.next_message())["text"]
    assert app.emu.rejections == [], [(r.method, r.params.get("text")) for r in app.emu.rejections]


async def test_deep_link_newcomer_in_russian_switches_to_kazakh(app: RunningApp, database_url: str) -> None:
    await add_tree(app)
    u = app.emu.user(3004, language_code="ru")
    await u.send("/start school_kar-s03")
    screen = await u.next_message()
    assert "Общеобразовательная школа №3" in screen["text"]
    assert "В каком классе учится ваш ребёнок" in screen["text"]
    assert await language_of(database_url, 3004) == "ru"
    await u.press(screen, "4 класс")
    screen = await u.wait_edit(screen)
    # The switch keeps the ticks and the school: the link is not lost.
    screen = await press(u, screen, "🌐 Қазақша")
    assert "№3 жалпы білім беретін мектеп" in screen["text"]
    assert "✅ 4-сынып" in button_texts(screen)
    assert "🌐 Русский" in button_texts(screen)
    assert await language_of(database_url, 3004) == "kk"
    done = await press(u, screen, "Дайын")
    assert "№3 жалпы білім беретін мектеп — 4-сынып" in done["text"]
    assert "қазақ тілінде" in done["text"]
    assert await subscriptions_of(database_url, 3004) == {("kar-s03", "4")}
    # The command menu follows the new language.
    scoped = app.emu.commands({"type": "chat", "chat_id": 3004})
    assert scoped, "the chat's command menu was not published"
    await u.expect_no_message()
    assert app.emu.rejections == [], [(r.method, r.params.get("text")) for r in app.emu.rejections]


async def test_deep_link_newcomer_in_kazakh_and_other_languages(app: RunningApp, database_url: str) -> None:
    await add_tree(app)
    for user_id, code in ((3005, "kk"), (3006, "en")):
        u = app.emu.user(user_id, language_code=code)
        await u.send("/start school_tem-s01")
        screen = await u.next_message()
        assert "№1 мектеп-гимназия" in screen["text"]
        assert "Балаңыз нешінші сыныпта" in screen["text"]
        assert "🌐 Русский" in button_texts(screen)
        assert await language_of(database_url, user_id) == "kk"
        await u.press(screen, "Мектепалды сыныбы")
        screen = await u.wait_edit(screen)
        done = await press(u, screen, "Дайын")
        assert "мектепалды сыныбы" in done["text"]
        assert await subscriptions_of(database_url, user_id) == {("tem-s01", "pre")}
    # Someone who already chose a language keeps it and sees no switch.
    ru = app.emu.user(3007, language_code="kk")
    await pick_language(ru, "ru")
    await ru.send("/start school_tem-s01")
    screen = await ru.next_message()
    assert "Школа-гимназия №1" in screen["text"]
    assert not any(t.startswith("🌐") for t in button_texts(screen))
    assert await language_of(database_url, 3007) == "ru"
    assert app.emu.rejections == [], [(r.method, r.params.get("text")) for r in app.emu.rejections]


async def test_deep_link_with_unknown_code(app: RunningApp, database_url: str) -> None:
    await add_tree(app)
    u = app.emu.user(3008, language_code="ru")
    await u.send("/start school_nosuch")
    note = await u.next_message()
    assert "Бот не знает школу из этой ссылки" in note["text"]
    screen = await u.next_message()
    assert "Выберите район или город" in screen["text"]
    # A link to a city (not a school) opens that city's list.
    await u.send("/start school_krg-tem")
    screen = await u.next_message()
    assert "город Темиртау" in screen["text"]
    assert "Школа-гимназия №1" in button_texts(screen)
    # The plain /start still works for this user.
    await u.send("/start")
    assert "Добро пожаловать" in (await u.next_message())["text"]
    assert app.emu.rejections == [], [(r.method, r.params.get("text")) for r in app.emu.rejections]


async def test_forged_callback_data_is_refused_politely(app: RunningApp, database_url: str) -> None:
    await add_tree(app)
    u = app.emu.user(3009, language_code="ru")
    await pick_language(u, "ru")
    await u.send("/subscribe")
    screen = await u.next_message()
    forged = [
        SubCb(action=SubAction.org, code="nosuch"),  # unknown code
        SubCb(action=SubAction.org, code="krg-kar"),  # a city is not a school
        SubCb(action=SubAction.browse, code="kar-s01"),  # a school is not an area
        SubCb(action=SubAction.toggle, code="kar-k01", grade="5"),  # grade 5 at a kindergarten
        SubCb(action=SubAction.toggle, code="kar-s01", grade="college"),  # college at a school
        SubCb(action=SubAction.toggle, code="kar-s01", grade="12"),  # no such grade at all
    ]
    for data in forged:
        answer = await u.press_data(screen, data.pack())
        assert "кнопка устарела" in answer["text"], data
    answer = await u.press_data(screen, "sub:zz:whatever")
    assert "кнопка устарела" in answer["text"]
    # Done pressed on a screen that is not the school's grade step saves nothing.
    answer = await u.press_data(screen, SubCb(action=SubAction.done, code="kar-s01").pack())
    assert "Отметьте хотя бы один класс" in answer["text"]
    # Removing someone else's subscription removes nothing.
    other = app.emu.user(3010, language_code="ru")
    await other.send("/start school_kar-s01")
    grades = await other.next_message()
    await other.press(grades, "2 класс")
    grades = await other.wait_edit(grades)
    await other.press(grades, "Готово")
    await other.wait_edit(grades)
    # Removing a subscription one does not have removes nothing, and nobody else's.
    await u.press_data(screen, UnsubCb(action=UnsubAction.one, code="kar-s01", grade="2").pack())
    await u.press_data(screen, SubCb(action=SubAction.browse, code="krg-kar", page=99).pack())
    assert await subscriptions_of(database_url, 3010) == {("kar-s01", "2")}
    assert await subscriptions_of(database_url, 3009) == set()
    assert app.emu.rejections == [], [(r.method, r.params.get("text")) for r in app.emu.rejections]


async def test_my_subscriptions_and_unsubscribe(app: RunningApp, database_url: str) -> None:
    await add_tree(app)
    u = app.emu.user(3011, language_code="ru")
    await pick_language(u, "ru")
    for code, grades in (("kar-s02", ("1 класс", "3 класс")), ("tem-s01", ("10 класс",))):
        await u.send(f"/start school_{code}")
        screen = await u.next_message()
        for grade in grades:
            await u.press(screen, grade)
            screen = await u.wait_edit(screen)
        await press(u, screen, "Готово")
    await u.send("/mysubscriptions")
    mine = await u.next_message()
    assert "Ваши подписки" in mine["text"]
    assert "Общеобразовательная школа №2 — 1, 3 классы" in mine["text"]
    assert "Школа-гимназия №1 — 10 класс" in mine["text"]
    assert "на русском языке" in mine["text"]
    listing = await press(u, mine, "Отписаться")
    assert "Какую подписку удалить" in listing["text"]
    assert "❌ Общеобразовательная школа №2 — 3 класс" in button_texts(listing)
    answer = await u.press(listing, "❌ Общеобразовательная школа №2 — 3 класс")
    assert answer["text"] == "Вы отписались"
    listing = await u.wait_edit(listing)
    assert "❌ Общеобразовательная школа №2 — 3 класс" not in button_texts(listing)
    # The same press again (a double tap): nothing to remove, the screen stays as it is.
    again = await u.press_data(listing, UnsubCb(action=UnsubAction.one, code="kar-s02", grade="3").pack())
    assert again["text"] is None
    await u.expect_no_message()
    assert await subscriptions_of(database_url, 3011) == {("kar-s02", "1"), ("tem-s01", "10")}
    # All, after a confirmation; going back first changes nothing.
    ask = await press(u, listing, "Отписаться от всех")
    assert "Отписаться от всех школ?" in ask["text"]
    listing = await press(u, ask, "Назад")
    assert await subscriptions_of(database_url, 3011) == {("kar-s02", "1"), ("tem-s01", "10")}
    ask = await press(u, listing, "Отписаться от всех")
    done = await press(u, ask, "Да, отписаться от всех")
    assert "вы отписались от всего" in done["text"]
    assert await subscriptions_of(database_url, 3011) == set()
    await u.send("/unsubscribe")
    assert "пока нет подписок" in (await u.next_message())["text"]
    assert app.emu.rejections == [], [(r.method, r.params.get("text")) for r in app.emu.rejections]


async def test_forget_removes_subscriptions(app: RunningApp, database_url: str) -> None:
    await add_tree(app)
    u = app.emu.user(3012, language_code="kk")
    await u.send("/start school_kar-s01")
    screen = await u.next_message()
    await u.press(screen, "6-сынып")
    screen = await u.wait_edit(screen)
    await press(u, screen, "Дайын")
    assert await subscriptions_of(database_url, 3012) == {("kar-s01", "6")}
    await u.send("/forget")
    ask = await u.next_message()
    await press(u, ask, "Иә")
    assert await language_of(database_url, 3012) is None
    # The rows went with the user (ON DELETE CASCADE: on SQLite only with PRAGMA foreign_keys on).
    assert await subscriptions_of(database_url, 3012) == set()
    assert app.emu.rejections == [], [(r.method, r.params.get("text")) for r in app.emu.rejections]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def png_pixels_decode(data: bytes) -> bytes:
    """The decompressed image data: proves the PNG's IDAT stream is whole."""
    chunks, pos = [], 8
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            chunks.append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    return zlib.decompress(b"".join(chunks))


async def test_staff_qr_code_for_their_school(app: RunningApp, database_url: str) -> None:
    await add_tree(app)
    engine = create_engine(database_url)
    async with create_sessionmaker(engine)() as session:
        session.add(
            StaffRole(
                user_id=3020,
                role="psychologist",
                scope_code="kar-s05",
                granted_by=ADMIN_ID,
                granted_at=datetime(2025, 1, 1, tzinfo=UTC),
            )
        )
        await session.commit()
    await engine.dispose()
    staff = app.emu.user(3020, language_code="ru")
    await pick_language(staff, "ru")
    await staff.send("/qr")
    sent = await staff.next_message()  # one school: no choice to make
    assert "document" in sent, sent
    username = (await app.bot.me()).username
    link = school_link(username, "kar-s05")
    assert link == f"https://t.me/{username}?start=school_kar-s05"
    assert "Общеобразовательная школа №5" in sent["caption"]
    assert "QR-код для родителей" in sent["caption"]
    assert link in sent["caption"]
    stored = app.emu.files.get(sent["document"]["file_id"])
    assert stored is not None
    assert stored.data == qr_png(link)
    width, height = png_size(stored.data)
    assert width == height >= 300
    assert png_pixels_decode(stored.data)
    # A forged press for a school outside the scope is refused.
    answer = await staff.press_data(sent, QrCb(action=QrAction.make, code="kar-s06").pack())
    assert "не на вашей территории" in answer["text"]
    await staff.expect_no_message()
    # The link works for a parent.
    parent = app.emu.user(3021, language_code="ru")
    await parent.send(f"/start {link.rsplit('start=', 1)[1]}")
    assert "Общеобразовательная школа №5" in (await parent.next_message())["text"]
    # Parents are not staff: /qr is not theirs.
    await parent.send("/qr")
    assert "document" not in await parent.next_message()
    assert app.emu.rejections == [], [(r.method, r.params.get("text")) for r in app.emu.rejections]


async def test_admin_chooses_the_organisation_for_a_qr_code(app: RunningApp, database_url: str) -> None:
    await add_tree(app, second_region=True)
    admin = app.emu.user(ADMIN_ID, language_code="kk")
    await pick_language(admin, "kk")
    await admin.send("/qr")
    screen = await admin.next_message()
    assert "QR-код қай ұйымға керек" in screen["text"]
    screen = await press(admin, screen, "Қарағанды облысы")
    screen = await press(admin, screen, "Теміртау қаласы")
    back = await press(admin, screen, "Артқа")
    assert "Теміртау қаласы" in button_texts(back)
    screen = await press(admin, back, "Теміртау қаласы")
    await admin.press(screen, "№1 мектеп-гимназия")
    sent = await admin.next_message()
    assert "№1 мектеп-гимназия" in sent["caption"]
    assert "Ата-аналарға арналған QR-код" in sent["caption"]
    stored = app.emu.files.get(sent["document"]["file_id"])
    assert stored is not None and png_size(stored.data)[0] >= 300
    assert app.emu.rejections == [], [(r.method, r.params.get("text")) for r in app.emu.rejections]
