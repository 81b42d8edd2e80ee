"""/channel: staff link their school's channel; a confirmed post is published there once."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import Channel
from tests.support.app import RunningApp
from tests.support.chat import button_with, pick_language
from tests.support.org_tree import SCHOOL, add_tree, grant

PSY = 8501
CHANNEL, FOREIGN, NOT_ADMIN = -1009001, -1009002, -1009003


async def _channels(app: RunningApp) -> int:
    async with app.dp["sessionmaker"]() as session:
        return int(await session.scalar(select(func.count()).select_from(Channel)) or 0)


async def test_link_a_channel_and_mirror_a_post(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, PSY, "psychologist", SCHOOL)
    app.emu.channel(CHANNEL, "Мектеп жаңалықтары", username="school1news")
    app.emu.channel(FOREIGN, "Чужой канал", username="foreignnews")
    app.emu.channel(NOT_ADMIN, "Без прав", username="noadminnews", bot_is_admin=False)
    psy = app.emu.user(PSY)
    await pick_language(psy, "ru")
    app.emu.world.chats[CHANNEL].members[PSY] = "administrator"
    app.emu.world.chats[NOT_ADMIN].members[PSY] = "administrator"

    await psy.send("/channel")
    intro = await psy.next_message()
    assert "пока не подключён" in intro["text"]
    await psy.send("@noadminnews")
    assert "не администратор" in (await psy.next_message())["text"]
    await psy.send("@foreignnews")
    assert "Только администратор" in (await psy.next_message())["text"]
    await psy.send("@nosuchchannel")
    assert "не вижу" in (await psy.next_message())["text"]
    # Asking Telegram about a channel that does not exist is refused, as it should be; nothing else is.
    assert [r.method for r in app.emu.rejections] == ["getChat"]
    app.emu.reset_records()
    await psy.send("@school1news")
    ask = await psy.next_message()
    await psy.press(ask, button_with(ask, "На обоих"))
    linked = await psy.wait_edit(ask)
    assert "Мектеп жаңалықтары" in linked["text"] and "Школа № 1" in linked["text"]
    assert await _channels(app) == 1

    await psy.send("/post")
    await psy.next_message()
    await psy.send("Ертең мектепте спорт күні өтеді.")
    await psy.next_message()
    await psy.send("Завтра в школе день спорта.")
    media = await psy.next_message()
    await psy.press(media, button_with(media, "Без вложения"))
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, "Все классы"))
    urgency = await psy.wait_edit(grades)
    await psy.press(urgency, button_with(urgency, "Тихий"))
    when = await psy.wait_edit(urgency)
    await psy.press(when, button_with(when, "Сейчас"))
    for _ in range(6):
        summary = await psy.next_message()
        if "Проверьте" in (summary.get("text") or ""):
            break
    await psy.press(summary, button_with(summary, "Подтвердить"))
    await psy.next_message()
    for _ in range(60):
        posts = app.emu.world.chats[CHANNEL].bot_messages
        if posts:
            break
        await __import__("asyncio").sleep(0.1)
    assert len(posts) == 1
    assert "спорт күні" in posts[0]["text"] and "день спорта" in posts[0]["text"]

    await psy.send("/channel")
    listing = await psy.next_message()
    assert "Мектеп жаңалықтары" in listing["text"]
    await psy.press(listing, 0)
    await psy.wait_edit(listing)
    assert await _channels(app) == 0
    assert app.emu.rejections == []
