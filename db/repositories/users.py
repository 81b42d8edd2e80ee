from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import User
from db.repositories.rows import dialect_insert

# Coarse on purpose: enough to see who is active, no finer trail of when someone used the bot.
SEEN_RESOLUTION = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Speaks:
    """What is known of a user's language when the bot writes to them outside an update: the one they chose,
    and, while they have not chosen, the one their Telegram reported at their last update (kk, ru or None)."""

    chosen: str | None
    telegram: str | None


@dataclass(frozen=True, slots=True)
class LanguageCount:
    language: str | None
    users: int


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record_visit(self, user_id: int, now: datetime, telegram_language: str | None = None) -> User:
        """Create the user on first contact; move last_seen forward at most every SEEN_RESOLUTION; while they
        have chosen no language, keep `telegram_language` (kk, ru or None: Telegram's, already narrowed to
        ours) for what the bot sends them outside an update.

        Most updates therefore only read: on SQLite every write takes the one database-wide lock.
        """
        user = await self._session.get(User, user_id)
        if user is not None:
            if now - user.last_seen >= SEEN_RESOLUTION:
                user.last_seen = now
            if not user.active:  # they blocked the bot once and are back: broadcasts reach them again
                user.active = True
            if user.language is None and user.telegram_language != telegram_language:
                user.telegram_language = telegram_language
            return user
        stmt = (
            dialect_insert(self._session, User)
            .values(
                id=user_id, language=None, telegram_language=telegram_language, first_seen=now, last_seen=now
            )
            .on_conflict_do_update(index_elements=[User.id], set_={"last_seen": now})
            .returning(User)
        )
        result = await self._session.scalars(stmt, execution_options={"populate_existing": True})
        return result.one()

    async def get(self, user_id: int) -> User | None:
        return await self._session.get(User, user_id)

    async def known_languages(self, user_ids: frozenset[int]) -> dict[int, str | None]:
        """Which of these users have written to the bot, with their chosen language."""
        if not user_ids:
            return {}
        rows = await self._session.execute(select(User.id, User.language).where(User.id.in_(user_ids)))
        return {user_id: language for user_id, language in rows}

    async def language_of(self, user_id: int) -> str | None:
        """The language the user chose; None until they do."""
        return await self._session.scalar(select(User.language).where(User.id == user_id))

    async def speaks(self, user_ids: Iterable[int]) -> dict[int, Speaks]:
        """What each of these users speaks, for a message sent outside an update; only users who have
        written to the bot are in the answer."""
        ids = frozenset(user_ids)
        if not ids:
            return {}
        rows = await self._session.execute(
            select(User.id, User.language, User.telegram_language).where(User.id.in_(ids))
        )
        return {user_id: Speaks(chosen, telegram) for user_id, chosen, telegram in rows}

    async def speaks_of(self, user_id: int) -> Speaks | None:
        return (await self.speaks((user_id,))).get(user_id)

    async def choose_language(self, user_id: int, language: str) -> None:
        # The choice is what counts from now on: Telegram's language is not kept beside it.
        await self._session.execute(
            update(User).where(User.id == user_id).values(language=language, telegram_language=None)
        )

    async def mark_unreachable(self, user_ids: list[int]) -> None:
        """They blocked the bot or their account is gone: broadcasts skip them until they return."""
        if user_ids:
            await self._session.execute(update(User).where(User.id.in_(user_ids)).values(active=False))

    async def mark_returned(self, user_id: int) -> None:
        await self._session.execute(update(User).where(User.id == user_id).values(active=True))

    async def count_by_language(self) -> list[LanguageCount]:
        rows = await self._session.execute(
            select(User.language, func.count()).group_by(User.language).order_by(User.language)
        )
        return [LanguageCount(language, count) for language, count in rows]
