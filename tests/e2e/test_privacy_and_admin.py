"""A user erases themselves; an admin sees figures through a guarded command."""

from sqlalchemy import func, select

from db.engine import create_engine, create_sessionmaker
from db.models import User
from tests.support.app import ADMIN_ID, RunningApp
from tests.support.chat import button_with, pick_language


async def count_users(database_url: str, user_id: int) -> int:
    engine = create_engine(database_url)
    async with create_sessionmaker(engine)() as session:
        n = await session.scalar(select(func.count()).select_from(User).where(User.id == user_id))
    await engine.dispose()
    return int(n or 0)


async def test_forget_erases_the_user(app: RunningApp, database_url: str) -> None:
    user = app.emu.user(7001, language_code="ru")
    await pick_language(user, "ru")
    assert await count_users(database_url, 7001) == 1
    await user.send("/forget")
    ask = await user.next_message()
    assert "нельзя отменить" in ask["text"]
    await user.press(ask, button_with(ask, "Да, удалить"))
    done = await user.wait_edit(ask)
    assert "бот вас забыл" in done["text"]
    assert await count_users(database_url, 7001) == 0
    assert app.emu.rejections == []


async def test_admin_status_in_both_languages(app: RunningApp) -> None:
    for n in range(3):
        other = app.emu.user(7100 + n, language_code="kk")
        await other.send("/start")
        await other.next_message()
    admin = app.emu.user(ADMIN_ID, language_code="ru")
    await pick_language(admin, "ru")
    await admin.send("/status")
    reply = await admin.next_message()
    assert "Состояние бота" in reply["text"]
    assert "4 пользователя" in reply["text"]
    await admin.send("/language")
    picker = await admin.next_message()
    await admin.press(picker, button_with(picker, "Қазақша"))
    await admin.wait_edit(picker)
    await admin.send("/status")
    reply = await admin.next_message()
    assert "Бот күйі" in reply["text"]
    assert "4 пайдаланушы" in reply["text"]
    scoped = app.emu.commands({"type": "chat", "chat_id": ADMIN_ID})
    assert "status" in [c["command"] for c in scoped]
    assert app.emu.rejections == []
