"""A small organisation tree, staff roles and subscriptions put straight into the bot's database."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Organisation, StaffRole, Subscription, User
from tests.support.chat import pick_language

if TYPE_CHECKING:
    from tests.support.app import RunningApp

NOW = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)
REGION, DISTRICT, OTHER_DISTRICT = "t-reg", "t-dis", "t-oth"
SCHOOL, SCHOOL_2, OTHER_SCHOOL = "t-dis-s1", "t-dis-s2", "t-oth-s1"

TREE = [
    (REGION, "region", None, "Сынақ облысы", "Тестовая область"),
    (DISTRICT, "district", REGION, "Сынақ ауданы", "Тестовый район"),
    (OTHER_DISTRICT, "district", REGION, "Басқа аудан", "Другой район"),
    (SCHOOL, "school", DISTRICT, "№ 1 мектеп", "Школа № 1"),
    (SCHOOL_2, "school", DISTRICT, "№ 2 мектеп", "Школа № 2"),
    (OTHER_SCHOOL, "school", OTHER_DISTRICT, "№ 3 мектеп", "Школа № 3"),
]


async def add_tree(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    async with sessionmaker() as session:
        for code, kind, parent, kk, ru in TREE:
            session.add(Organisation(code=code, kind=kind, parent_code=parent, name_kk=kk, name_ru=ru))
            await session.flush()
        await session.commit()


async def grant(sessionmaker: async_sessionmaker[AsyncSession], user_id: int, role: str, scope: str) -> None:
    async with sessionmaker() as session:
        session.add(StaffRole(user_id=user_id, role=role, scope_code=scope, granted_by=0, granted_at=NOW))
        await session.commit()


async def add_parent(
    sessionmaker: async_sessionmaker[AsyncSession],
    user_id: int,
    language: str,
    *subscriptions: tuple[str, str],
) -> None:
    async with sessionmaker() as session:
        if await session.get(User, user_id) is None:
            session.add(User(id=user_id, language=language, first_seen=NOW, last_seen=NOW))
            await session.flush()
        for code, grade in subscriptions:
            session.add(Subscription(user_id=user_id, org_code=code, grade=grade, created_at=NOW))
        await session.commit()


async def staff_member(app: RunningApp, user_id: int, role: str, scope: str, locale: str) -> Any:
    """A staff member of `role` over `scope` who has started the bot and chosen `locale`."""
    await grant(app.dp["sessionmaker"], user_id, role, scope)
    user = app.emu.user(user_id, language_code=locale)
    await pick_language(user, locale)
    return user
